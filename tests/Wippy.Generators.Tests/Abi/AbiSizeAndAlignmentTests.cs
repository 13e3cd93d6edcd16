using Wippy.Generators.Abi;
using Wippy.Generators.Model;

namespace Wippy.Generators.Tests.Abi;

/// <summary>
/// Sizes and alignments of <see cref="AbiLayout"/> match the Canonical ABI (component-model,
/// design/mvp/CanonicalABI.md: <c>alignment</c>, <c>elem_size</c>, <c>discriminant_type</c>, <c>alignment_flags</c>).
/// Every expectation is computed by hand from those definitions.
/// </summary>
public sealed class AbiSizeAndAlignmentTests
{
    // The test data holds internal types, so the theories take the case name and look the case up here.
    private static readonly Dictionary<string, (TypeModel Type, int Size, int Alignment)> Table = new()
    {
        ["bool"] = (T.Bool, 1, 1),
        ["s8"] = (T.S8, 1, 1),
        ["u16"] = (T.U16, 2, 2),
        ["s32"] = (T.S32, 4, 4),
        ["u64"] = (T.U64, 8, 8),
        ["f32"] = (T.F32, 4, 4),
        ["f64"] = (T.F64, 8, 8),
        ["char"] = (T.Char, 4, 4),
        ["string: (ptr, len)"] = (T.String, 8, 4),
        ["list<u64>: (ptr, len)"] = (T.List(T.U64), 8, 4),
        // option<T> = variant { none, some(T) }: u8 discriminant, payload at align(1, align(T)).
        ["option<u64>"] = (T.Option(T.U64), 16, 8),
        ["option<u8>"] = (T.Option(T.U8), 2, 1),
        ["option<string>"] = (T.Option(T.String), 12, 4),
        ["option<option<string>>"] = (T.Option(T.Option(T.String)), 16, 4),
        // result<T, E> = variant { ok(T), error(E) }.
        ["result<string, u8>"] = (T.Result(T.String, T.U8), 12, 4),
        ["result"] = (T.Result(null, null), 1, 1),
        ["result<_, string>"] = (T.Result(null, T.String), 12, 4),
        ["result<u32, string>"] = (T.Result(T.U32, T.String), 12, 4),
        ["variant { a(f32), b(u64) }"] = (T.Variant(("a", T.F32), ("b", T.U64)), 16, 8),
        ["variant { a, b }"] = (T.Variant(("a", null), ("b", null)), 1, 1),
        ["record { a: u8, b: u32, c: u8 }"] = (T.Record(("a", T.U8), ("b", T.U32), ("c", T.U8)), 12, 4),
        ["record { a: u16, b: u8 } (padded to its alignment)"] = (T.Record(("a", T.U16), ("b", T.U8)), 4, 2),
        ["record { a: u8, b: u64 }"] = (T.Record(("a", T.U8), ("b", T.U64)), 16, 8),
        ["tuple<u8, u16>"] = (T.Tuple(T.U8, T.U16), 4, 2),
        ["tuple<u8, string, f64>"] = (T.Tuple(T.U8, T.String, T.F64), 24, 8),
        // Flags: the smallest of u8/u16/u32 that holds one bit per flag.
        ["flags with 8 members"] = (T.Flags(8), 1, 1),
        ["flags with 9 members"] = (T.Flags(9), 2, 2),
        ["flags with 16 members"] = (T.Flags(16), 2, 2),
        ["flags with 17 members"] = (T.Flags(17), 4, 4),
        ["flags with 32 members"] = (T.Flags(32), 4, 4),
        // Enum = variant without payloads: just the discriminant, ceil(log2(n) / 8) bytes (u8, u16 or u32).
        ["enum with 3 cases"] = (T.Enum(3), 1, 1),
        ["enum with 256 cases"] = (T.Enum(256), 1, 1),
        ["enum with 257 cases"] = (T.Enum(257), 2, 2),
        ["enum with 300 cases"] = (T.Enum(300), 2, 2),
        ["variant of 300 cases, one with a u8"] = (T.VariantOf(300, T.U8), 4, 2),
        ["variant of 300 cases, one with a u64"] = (T.VariantOf(300, T.U64), 16, 8),
    };

    public static TheoryData<string> Names => new(Table.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Size_and_alignment_follow_the_canonical_abi(string name)
    {
        var (type, size, alignment) = Table[name];
        Assert.True(AbiLayout.Size(type) == size, $"{name}: size {AbiLayout.Size(type)}, expected {size}");
        Assert.True(AbiLayout.Alignment(type) == alignment, $"{name}: alignment {AbiLayout.Alignment(type)}, expected {alignment}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(256, 1)]
    [InlineData(257, 2)]
    [InlineData(300, 2)]
    [InlineData(65536, 2)]
    [InlineData(65537, 4)]
    public void Discriminant_is_the_smallest_integer_numbering_every_case(int cases, int bytes) =>
        Assert.Equal(bytes, AbiLayout.DiscriminantSize(cases));

    [Fact]
    public void Size_is_always_a_multiple_of_the_alignment()
    {
        foreach (var (type, _, _) in Table.Values)
        {
            Assert.Equal(0, AbiLayout.Size(type) % AbiLayout.Alignment(type));
        }
    }
}
