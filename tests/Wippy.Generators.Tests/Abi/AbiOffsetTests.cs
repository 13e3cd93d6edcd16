using Wippy.Generators.Abi;

namespace Wippy.Generators.Tests.Abi;

/// <summary>Field and payload offsets of <see cref="AbiLayout"/>: each field at the next multiple of its alignment.</summary>
public sealed class AbiOffsetTests
{
    [Fact]
    public void Record_fields_are_aligned_one_after_another()
    {
        // record { a: u8, b: u32, c: u8 }: a at 0, b aligned to 4, c right after b.
        Assert.Equal(new[] { 0, 4, 8 }, AbiLayout.FieldOffsets(new[] { T.U8, T.U32, T.U8 }));
    }

    [Fact]
    public void Tuple_elements_are_laid_out_like_record_fields()
    {
        Assert.Equal(new[] { 0, 2 }, AbiLayout.FieldOffsets(new[] { T.U8, T.U16 }));
        Assert.Equal(new[] { 0, 4, 16 }, AbiLayout.FieldOffsets(new[] { T.U8, T.String, T.F64 }));
    }

    [Fact]
    public void Compound_fields_use_their_own_alignment()
    {
        // person from tests/guests/abi/abi.wit: name string, age u8, tags list<string>, email option<string>, home point.
        var point = T.Record(("x", T.S32), ("y", T.S32));
        var fields = new[] { T.String, T.U8, T.List(T.String), T.Option(T.String), point };

        Assert.Equal(new[] { 0, 8, 12, 20, 32 }, AbiLayout.FieldOffsets(fields));
        Assert.Equal(40, AbiLayout.Size(T.Record(("name", T.String), ("age", T.U8), ("tags", T.List(T.String)), ("email", T.Option(T.String)), ("home", point))));
    }

    [Fact]
    public void Variant_payload_follows_the_discriminant_at_the_widest_case_alignment()
    {
        Assert.Equal(8, AbiLayout.PayloadOffset(new[] { null, T.U64 }));           // option<u64>
        Assert.Equal(4, AbiLayout.PayloadOffset(new[] { T.String, T.U8 }));        // result<string, u8>
        Assert.Equal(1, AbiLayout.PayloadOffset(new[] { T.U8, null }));            // variant { a(u8), b }
        Assert.Equal(1, AbiLayout.PayloadOffset(new[] { (Model.TypeModel?)null, null })); // result: nothing follows
    }

    [Fact]
    public void Payload_of_a_variant_with_a_two_byte_discriminant_starts_after_it()
    {
        var cases = Enumerable.Range(0, 300).Select(i => i == 0 ? T.U8 : null).ToList();

        Assert.Equal(2, AbiLayout.PayloadOffset(cases));
    }

    [Theory]
    [InlineData(0, 4, 0)]
    [InlineData(1, 4, 4)]
    [InlineData(4, 4, 4)]
    [InlineData(9, 8, 16)]
    [InlineData(3, 1, 3)]
    public void AlignTo_rounds_up_to_a_multiple(int offset, int alignment, int expected) =>
        Assert.Equal(expected, AbiLayout.AlignTo(offset, alignment));
}
