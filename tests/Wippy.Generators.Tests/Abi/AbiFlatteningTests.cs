using Wippy.Generators.Abi;
using Wippy.Generators.Model;
using static Wippy.Generators.Abi.CoreValueType;

namespace Wippy.Generators.Tests.Abi;

/// <summary>
/// <see cref="AbiLayout.Flatten(TypeModel)"/> matches the Canonical ABI's <c>flatten_type</c>: a variant is an i32
/// discriminant followed by the element-wise <c>join</c> of its cases (equal types stay, i32 and f32 join to i32,
/// anything else to i64).
/// </summary>
public sealed class AbiFlatteningTests
{
    // The test data holds internal types, so the theory takes the case name and looks the case up here.
    private static readonly Dictionary<string, (TypeModel Type, CoreValueType[] Flat)> Table = new()
    {
        ["bool"] = (T.Bool, [I32]),
        ["u8"] = (T.U8, [I32]),
        ["u32"] = (T.U32, [I32]),
        ["s64"] = (T.S64, [I64]),
        ["u64"] = (T.U64, [I64]),
        ["f32"] = (T.F32, [F32]),
        ["f64"] = (T.F64, [F64]),
        ["char"] = (T.Char, [I32]),
        ["string"] = (T.String, [I32, I32]),
        ["list<u64>"] = (T.List(T.U64), [I32, I32]),
        ["option<u64>"] = (T.Option(T.U64), [I32, I64]),
        ["option<f32>"] = (T.Option(T.F32), [I32, F32]),
        ["option<string>"] = (T.Option(T.String), [I32, I32, I32]),
        ["option<option<string>>"] = (T.Option(T.Option(T.String)), [I32, I32, I32, I32]),
        ["result"] = (T.Result(null, null), [I32]),
        ["result<string, u8>"] = (T.Result(T.String, T.U8), [I32, I32, I32]),
        ["result<_, string>"] = (T.Result(null, T.String), [I32, I32, I32]),
        ["result<f64, f32>: f64 and f32 join to i64"] = (T.Result(T.F64, T.F32), [I32, I64]),
        ["variant { a(f32), b(u32) }: f32 and i32 join to i32"] = (T.Variant(("a", T.F32), ("b", T.U32)), [I32, I32]),
        ["variant { a(f32), b(u64) }: f32 and i64 join to i64"] = (T.Variant(("a", T.F32), ("b", T.U64)), [I32, I64]),
        ["variant { a(f32), b(f32) }: equal types stay"] = (T.Variant(("a", T.F32), ("b", T.F32)), [I32, F32]),
        ["variant { a, b }"] = (T.Variant(("a", null), ("b", null)), [I32]),
        ["variant { a(string), b(tuple<f32, f32, u64>) }: joined slot by slot, the longest case sets the length"] =
            (T.Variant(("a", T.String), ("b", T.Tuple(T.F32, T.F32, T.U64))), [I32, I32, I32, I64]),
        ["enum with 300 cases"] = (T.Enum(300), [I32]),
        ["flags with 32 members"] = (T.Flags(32), [I32]),
        ["record { a: u8, b: f64, c: string }"] = (T.Record(("a", T.U8), ("b", T.F64), ("c", T.String)), [I32, F64, I32, I32]),
        ["tuple<u8, u16>"] = (T.Tuple(T.U8, T.U16), [I32, I32]),
    };

    public static TheoryData<string> Names => new(Table.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Flattening_follows_the_canonical_abi(string name)
    {
        var (type, expected) = Table[name];
        var flat = AbiLayout.Flatten(type);

        Assert.True(flat.SequenceEqual(expected), $"{name}: [{string.Join(", ", flat)}], expected [{string.Join(", ", expected)}]");
    }

    [Fact]
    public void A_parameter_list_flattens_to_the_concatenation_of_its_parameters()
    {
        Assert.Equal(new[] { I32, I32, I32, I64, F32 }, AbiLayout.Flatten(new[] { T.String, T.Option(T.U64), T.F32 }));
    }

    [Fact]
    public void Flat_limits_are_those_of_the_canonical_abi()
    {
        Assert.Equal(16, AbiLayout.MaxFlatParams);
        Assert.Equal(1, AbiLayout.MaxFlatResults);
    }
}
