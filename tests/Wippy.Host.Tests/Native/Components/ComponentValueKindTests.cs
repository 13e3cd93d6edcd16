using System.Text;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Tests.Native.Components;

/// <summary>Every supported value kind round-trips through an identity function of a real component.</summary>
public sealed class ComponentValueKindTests : IDisposable
{
    private readonly WasmEngine _engine = new();
    private readonly WasmComponent _component;
    private readonly WasmComponentLinker _linker;
    private readonly WasmStore _store;
    private readonly WasmComponentInstance _instance;
    private readonly ComponentValArena _arena = new();

    public ComponentValueKindTests()
    {
        _component = WasmComponent.FromText(_engine, ComponentGuests.Kitchen);
        _linker = new WasmComponentLinker(_engine);
        _store = new WasmStore(_engine);
        _instance = _linker.Instantiate(_store, _component);
    }

    public void Dispose()
    {
        _arena.Dispose();
        _store.Dispose();
        _linker.Dispose();
        _component.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void Scalars_round_trip()
    {
        Assert.True(Id("id-bool", ComponentVal.Bool(true)).AsBool());
        Assert.False(Id("id-bool", ComponentVal.Bool(false)).AsBool());
        Assert.Equal(sbyte.MinValue, Id("id-s8", ComponentVal.S8(sbyte.MinValue)).AsS8());
        Assert.Equal(byte.MaxValue, Id("id-u8", ComponentVal.U8(byte.MaxValue)).AsU8());
        Assert.Equal(short.MinValue, Id("id-s16", ComponentVal.S16(short.MinValue)).AsS16());
        Assert.Equal(ushort.MaxValue, Id("id-u16", ComponentVal.U16(ushort.MaxValue)).AsU16());
        Assert.Equal(int.MinValue, Id("id-s32", ComponentVal.S32(int.MinValue)).AsS32());
        Assert.Equal(uint.MaxValue, Id("id-u32", ComponentVal.U32(uint.MaxValue)).AsU32());
        Assert.Equal(long.MinValue, Id("id-s64", ComponentVal.S64(long.MinValue)).AsS64());
        Assert.Equal(ulong.MaxValue, Id("id-u64", ComponentVal.U64(ulong.MaxValue)).AsU64());
        Assert.Equal(1.5f, Id("id-f32", ComponentVal.F32(1.5f)).AsF32());
        Assert.Equal(-2.25e100, Id("id-f64", ComponentVal.F64(-2.25e100)).AsF64());
        Assert.Equal(new Rune(0x1F600), Id("id-char", ComponentVal.Char(new Rune(0x1F600))).AsChar());
        Assert.Equal(ComponentValKind.U64, Id("id-u64", ComponentVal.U64(1)).Kind);
        Assert.Throws<InvalidOperationException>(() => ComponentVal.S32(1).AsU32());
    }

    [Fact]
    public void Enum_and_flags_round_trip()
    {
        Assert.Equal("blue", Id("id-color", _arena.Enum("blue")).AsEnum());
        Assert.Equal(["read", "exec"], Id("id-perms", _arena.Flags("read", "exec")).AsFlags());
        Assert.Empty(Id("id-perms", _arena.Flags()).AsFlags());
    }

    [Fact]
    public void Option_result_tuple_record_variant_round_trip()
    {
        Assert.True(Id("id-option-s32", _arena.Some(ComponentVal.S32(-9))).TryGetSome(out ComponentVal some));
        Assert.Equal(-9, some.AsS32());
        Assert.False(Id("id-option-s32", ComponentVal.None).TryGetSome(out _));

        Assert.True(Id("id-result", _arena.Ok(ComponentVal.U32(5))).AsResult(out ComponentVal? ok));
        Assert.Equal(5u, ok!.Value.AsU32());
        Assert.False(Id("id-result", _arena.Err(ComponentVal.U32(7))).AsResult(out ComponentVal? err));
        Assert.Equal(7u, err!.Value.AsU32());

        ComponentVal tuple = Id("id-tuple", _arena.Tuple(ComponentVal.U32(1), ComponentVal.U32(2)));
        Assert.Equal("(1, 2)", tuple.ToString());

        ComponentVal point = Id("id-point", _arena.Record(("x", ComponentVal.U32(3)), ("y", ComponentVal.U32(4))));
        ReadOnlySpan<ComponentRecordField> fields = point.AsRecord();
        Assert.Equal(2, fields.Length);
        Assert.Equal("x", fields[0].Name);
        Assert.Equal(3u, fields[0].Value.AsU32());
        Assert.Equal("y", fields[1].Name);
        Assert.Equal(4u, fields[1].Value.AsU32());

        Assert.Equal("circle", Id("id-shape", _arena.Variant("circle", ComponentVal.U32(10))).AsVariant(out ComponentVal? radius));
        Assert.Equal(10u, radius!.Value.AsU32());
        Assert.Equal("empty", Id("id-shape", _arena.Variant("empty")).AsVariant(out ComponentVal? none));
        Assert.Null(none);
    }

    [Fact]
    public void Lists_and_nested_values_with_strings_round_trip()
    {
        Assert.Equal("[1, 2, 4294967295]", Id("id-list-u32", _arena.List(ComponentVal.U32(1), ComponentVal.U32(2), ComponentVal.U32(uint.MaxValue))).ToString());
        Assert.Empty(Id("id-list-u32", _arena.List()).AsList().ToArray());
        Assert.Equal("[\"a\", \"\", \"ünï 😀\"]", Id("id-list-string", _arena.List(_arena.String("a"), _arena.String(string.Empty), _arena.String("ünï 😀"))).ToString());
        Assert.Equal("{ name: \"n\", n: 1 }", Id("id-entry", _arena.Record(("name", _arena.String("n")), ("n", ComponentVal.U32(1)))).ToString());
        ComponentVal entries = _arena.List(
            _arena.Record(("name", _arena.String("one")), ("n", ComponentVal.U32(1))),
            _arena.Record(("name", _arena.String("two")), ("n", ComponentVal.U32(2))));
        Assert.Equal("[{ name: \"one\", n: 1 }, { name: \"two\", n: 2 }]", Id("id-entries", entries).ToString());
        Assert.Equal("some(\"x\")", Id("id-option-string", _arena.Some(_arena.String("x"))).ToString());
        Assert.Equal("none", Id("id-option-string", ComponentVal.None).ToString());
    }

    [Fact]
    public void Released_results_do_not_leak_over_many_calls()
    {
        WasmComponentFunction f = _instance.GetFunction("id-entries");
        ComponentVal entries = _arena.List(_arena.Record(("name", _arena.String(new string('z', 1000))), ("n", ComponentVal.U32(1))));
        Span<ComponentVal> results = stackalloc ComponentVal[1];
        for (int i = 0; i < 2_000; i++)
        {
            f.Call([entries], results);
            Assert.Equal(1000, results[0].AsList()[0].AsRecord()[0].Value.AsUtf8().Length);
            ComponentVal.Release(results);
        }
    }

    /// <summary>Calls an identity function and returns a managed-readable copy (released values are copied first).</summary>
    private ComponentVal Id(string name, ComponentVal value)
    {
        WasmComponentFunction f = _instance.GetFunction(name);
        var results = new ComponentVal[1];
        f.Call([value], results);

        // Results stay owned by Wasmtime until released; tests keep them alive for the test's duration (a few bytes).
        return results[0];
    }
}
