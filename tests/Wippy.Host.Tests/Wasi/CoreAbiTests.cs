using System.Buffers.Binary;
using Wippy.Host.Execution;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.WasiHost.Core;
using Wippy.Modules.Components;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// The Canonical ABI layer that serves the host's own WASI to a planned component's core code (<see cref="AbiType"/>,
/// <see cref="AbiLift"/>, <see cref="AbiLower"/>): layouts worked out by hand from the ABI's rules, values written into
/// and read back from a real Wasmtime memory, the order of <c>cabi_realloc</c> calls, the joined slots of a flattened
/// variant, and the errors for bad guest values.
/// </summary>
public sealed class CoreAbiTests : IDisposable
{
    // A memory and a bump allocator that logs each call's (align, size) at 0.. (the values start at 4096).
    private const string Guest = """
        (module
          (memory (export "memory") 1)
          (global $next (mut i32) (i32.const 4096))
          (global $log (mut i32) (i32.const 0))
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
            (local $p i32)
            (i32.store (global.get $log) (local.get 2))
            (i32.store offset=4 (global.get $log) (local.get 3))
            (global.set $log (i32.add (global.get $log) (i32.const 8)))
            (local.set $p (i32.and (i32.add (global.get $next) (i32.sub (local.get 2) (i32.const 1)))
                                   (i32.sub (i32.const 0) (local.get 2))))
            (global.set $next (i32.add (local.get $p) (local.get 3)))
            (local.get $p))
          (func (export "log_end") (result i32) (global.get $log)))
        """;

    private readonly WasmEngine _engine = new();
    private readonly WasmModule _module;
    private readonly WasmStore _store;
    private readonly WasmInstance _instance;
    private readonly CoreInstance _view;

    public CoreAbiTests()
    {
        _module = WasmModule.FromText(_engine, Guest);
        _store = new WasmStore(_engine);
        _instance = WasmInstance.Instantiate(_store, _module);
        Assert.True(_instance.TryGetMemory("memory", out var memory));
        Assert.True(_instance.TryGetFunction("cabi_realloc", out var realloc));
        _view = new CoreInstance(_store, null, null, default, memory, realloc, null, []);
    }

    public void Dispose()
    {
        _store.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }

    private static CPrim P(string name) => new(name);

    private static CVariant Variant(params (string Name, CType? Payload)[] cases) =>
        new(cases.Select(c => new KeyValuePair<string, CType?>(c.Name, c.Payload)).ToList());

    private static CRecord Record(params (string Name, CType Type)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, CType>(f.Name, f.Type)).ToList());

    private static readonly CType StreamError = Variant(("last-operation-failed", new CWrap("own", new CResource())), ("closed", null));

    [Fact]
    public void Layouts_follow_the_canonical_abi()
    {
        var streamError = AbiType.Of(StreamError);
        Assert.Equal((8, 4), (streamError.Size, streamError.Align));
        Assert.Equal([FlatKind.I32, FlatKind.I32], streamError.Flat);

        // check-write's result<u64, stream-error>: the payload at 8; u64 and i32 join to i64.
        var checkWrite = AbiType.Of(new CResult(P("u64"), StreamError));
        Assert.Equal((16, 8, 8), (checkWrite.Size, checkWrite.Align, checkWrite.PayloadOffset));
        Assert.Equal([FlatKind.I32, FlatKind.I64, FlatKind.I32], checkWrite.Flat);

        // Joins: f32 with i32 is i32, f32 with f64 is i64, f32 alone stays f32.
        Assert.Equal([FlatKind.I32, FlatKind.I32], AbiType.Of(Variant(("a", P("f32")), ("b", P("u32")))).Flat);
        Assert.Equal([FlatKind.I32, FlatKind.I64], AbiType.Of(Variant(("a", P("f32")), ("b", P("f64")))).Flat);
        Assert.Equal([FlatKind.I32, FlatKind.F32], AbiType.Of(Variant(("a", P("f32")), ("b", null))).Flat);

        // A descriptor-stat-like record: an enum byte, two u64s, an option<datetime> (datetime: u64 + u32, 16 bytes).
        var datetime = Record(("seconds", P("u64")), ("nanoseconds", P("u32")));
        var stat = AbiType.Of(Record(("type", new CEnum(["a", "b", "c", "d", "e", "f", "g", "h"])), ("link-count", P("u64")),
            ("size", P("u64")), ("accessed", new COption(datetime))));
        Assert.Equal([0, 8, 16, 24], stat.Offsets);
        Assert.Equal((48, 8), (stat.Size, stat.Align));
        Assert.Equal(1 + 1 + 1 + 3, stat.Flat.Length);

        // Discriminants and flags take the smallest size that holds them.
        Assert.Equal(1, AbiType.Of(new CEnum(Enumerable.Range(0, 256).Select(i => "c" + i).ToList())).Size);
        Assert.Equal(2, AbiType.Of(new CEnum(Enumerable.Range(0, 257).Select(i => "c" + i).ToList())).Size);
        Assert.Equal([1, 2, 4], new[] { 8, 9, 17 }.Select(n => AbiType.Of(new CFlags(Enumerable.Range(0, n).Select(i => "f" + i).ToList())).Size));

        Assert.Equal("a stream", Assert.Throws<NotSupportedException>(() => AbiType.Of(new CWrap("stream", P("u8")))).Message);
    }

    [Fact]
    public void A_value_written_to_memory_reads_back_the_same()
    {
        var type = Record(
            ("name", P("string")),
            ("tags", new CList(P("string"), null)),
            ("pick", Variant(("none", null), ("one", P("f32")), ("bytes", new CList(P("u8"), null)))),
            ("perms", new CFlags(["r", "w", "x"])),
            ("color", new CEnum(["red", "green", "blue"])),
            ("count", new COption(P("u64"))),
            ("outcome", new CResult(null, P("string"))),
            ("letter", P("char")),
            ("handle", new CWrap("own", new CResource())));
        var abi = AbiType.Of(type);
        var value = ComponentVal.OwnedRecord(9);
        var tags = ComponentVal.OwnedList(2);
        ComponentVal.SetItem(ref tags, 0, ComponentVal.OwnedString("zoë"));
        ComponentVal.SetItem(ref tags, 1, ComponentVal.OwnedString(""));
        ComponentVal.SetField(ref value, 0, "name", ComponentVal.OwnedString("probe 😀"));
        ComponentVal.SetField(ref value, 1, "tags", tags);
        // (a list<u8> reads back packed: ComponentVal.PackedBytes)
        ComponentVal.SetField(ref value, 2, "pick", ComponentVal.OwnedVariant("bytes", ComponentVal.PackedBytes([1, 2, 255])));
        ComponentVal.SetField(ref value, 3, "perms", ComponentVal.OwnedFlags(["r", "x"]));
        ComponentVal.SetField(ref value, 4, "color", ComponentVal.OwnedEnum("blue"));
        ComponentVal.SetField(ref value, 5, "count", ComponentVal.OwnedSome(ComponentVal.U64(ulong.MaxValue)));
        ComponentVal.SetField(ref value, 6, "outcome", ComponentVal.OwnedErr(ComponentVal.OwnedString("nope")));
        ComponentVal.SetField(ref value, 7, "letter", ComponentVal.Char(new System.Text.Rune(0x1F600)));
        ComponentVal.SetField(ref value, 8, "handle", ComponentVal.U32(7));
        var back = default(ComponentVal);
        try
        {
            var frame = CoreCall.ForImport("test:abi", _view);
            var at = frame.Alloc(abi.Align, abi.Size, "the value");
            AbiLower.ToMemory(ref frame, abi, value, at, "the value");
            back = AbiLift.FromMemory(ref frame, abi, at, "the value");
            Assert.Equal(value.ToString(), back.ToString());
            Assert.Contains("\"probe 😀\"", back.ToString());
        }
        finally
        {
            ComponentVal.Release(ref value);
            ComponentVal.Release(ref back);
        }
    }

    [Fact]
    public void Bytes_cross_the_same_whether_packed_or_a_list_of_u8_values()
    {
        var abi = AbiType.Of(new CList(P("u8"), null));
        byte[] data = [1, 2, 255, 0, 7];
        var packed = ComponentVal.PackedBytes(data);
        var list = ComponentVal.OwnedBytes(data);
        var back = default(ComponentVal);
        try
        {
            var frame = CoreCall.ForImport("test:abi", _view);
            ValueRaw[] first = new ValueRaw[2], second = new ValueRaw[2];
            var at = 0;
            AbiLower.ToFlat(ref frame, abi, packed, first, ref at, "bytes");
            at = 0;
            AbiLower.ToFlat(ref frame, abi, list, second, ref at, "bytes");
            Assert.Equal(5, first[1].I32);
            Assert.Equal(5, second[1].I32);
            Assert.True(_instance.TryGetMemory("memory", out var memory));
            Assert.Equal(data, memory.GetSpan().Slice(first[0].I32, 5).ToArray());
            Assert.Equal(data, memory.GetSpan().Slice(second[0].I32, 5).ToArray());
            at = 0;
            back = AbiLift.FromFlat(ref frame, abi, first, ref at, "bytes");
            Assert.Equal(data, back.BytesOfList("bytes").ToArray());
            Assert.Equal(data, list.BytesOfList("bytes").ToArray());
        }
        finally
        {
            ComponentVal.Release(ref packed);
            ComponentVal.Release(ref list);
            ComponentVal.Release(ref back);
        }
    }

    [Fact]
    public void Every_string_and_list_gets_its_own_realloc_call_in_the_abis_order_even_when_empty()
    {
        // get-environment's list<tuple<string, string>>: the list first, then each string in order. The preview1
        // adapter's import allocator counts the calls, so an empty string must get one too.
        var abi = AbiType.Of(new CList(new CTuple([P("string"), P("string")]), null));
        var list = ComponentVal.OwnedList(2);
        var first = ComponentVal.OwnedTuple(2);
        ComponentVal.SetItem(ref first, 0, ComponentVal.OwnedString("A"));
        ComponentVal.SetItem(ref first, 1, ComponentVal.OwnedString("1"));
        var second = ComponentVal.OwnedTuple(2);
        ComponentVal.SetItem(ref second, 0, ComponentVal.OwnedString("EMPTY"));
        ComponentVal.SetItem(ref second, 1, ComponentVal.OwnedString(""));
        ComponentVal.SetItem(ref list, 0, first);
        ComponentVal.SetItem(ref list, 1, second);
        try
        {
            var frame = CoreCall.ForImport("test:abi", _view);
            Span<ValueRaw> slots = stackalloc ValueRaw[2];
            var at = 0;
            AbiLower.ToFlat(ref frame, abi, list, slots, ref at, "the list");
            Assert.Equal(2, at);
            Assert.Equal(2, slots[1].I32);
            Assert.Equal([(4, 32), (1, 1), (1, 1), (1, 5), (1, 0)], ReallocLog());
        }
        finally
        {
            ComponentVal.Release(ref list);
        }
    }

    [Fact]
    public void A_variant_payload_in_joined_slots_is_zero_extended_bits_and_reads_back()
    {
        var abi = AbiType.Of(Variant(("a", P("f32")), ("b", P("u64")), ("c", null)));
        Assert.Equal([FlatKind.I32, FlatKind.I64], abi.Flat);
        var frame = CoreCall.ForImport("test:abi", _view);
        Span<ValueRaw> slots = stackalloc ValueRaw[2];
        slots.Fill(ValueRaw.FromI64(-1));
        var value = ComponentVal.OwnedVariant("a", ComponentVal.F32(1.5f));
        try
        {
            var at = 0;
            AbiLower.ToFlat(ref frame, abi, value, slots, ref at, "v");
            Assert.Equal(0, slots[0].I32);
            Assert.Equal((long)(uint)BitConverter.SingleToInt32Bits(1.5f), slots[1].I64);
            at = 0;
            var back = AbiLift.FromFlat(ref frame, abi, slots, ref at, "v");
            Assert.Equal("a(1.5)", back.ToString());
            ComponentVal.Release(ref back);
        }
        finally
        {
            ComponentVal.Release(ref value);
        }
    }

    [Fact]
    public void Bad_guest_values_are_invalid_errors_naming_what_they_were()
    {
        var abi = AbiType.Of(Variant(("a", P("f32")), ("b", null)));
        var error = Assert.Throws<WippyException>(() => Lift(abi, [ValueRaw.FromI32(5), ValueRaw.FromI64(0)]));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("test:abi", error.EntryId);
        Assert.Contains("the argument 'x': the discriminant 5 names no case (the type has 2)", error.Message);

        Assert.Contains("outside memory", Assert.Throws<WippyException>(() => Lift(AbiType.Of(P("string")), [ValueRaw.FromI32(65530), ValueRaw.FromI32(100)])).Message);
        Assert.Contains("is not a Unicode scalar value", Assert.Throws<WippyException>(() => Lift(AbiType.Of(P("char")), [ValueRaw.FromI32(0xD800)])).Message);
        Assert.Contains("not aligned", Assert.Throws<WippyException>(() => Lift(AbiType.Of(new CList(P("u32"), null)), [ValueRaw.FromI32(4098), ValueRaw.FromI32(1)])).Message);
    }

    private ComponentVal Lift(AbiType type, ValueRaw[] slots)
    {
        var frame = CoreCall.ForImport("test:abi", _view);
        var at = 0;
        return AbiLift.FromFlat(ref frame, type, slots, ref at, "the argument 'x'");
    }

    /// <summary>The (align, size) of each cabi_realloc call so far.</summary>
    private (int, int)[] ReallocLog()
    {
        Assert.True(_instance.TryGetFunction("log_end", out var end));
        Span<ValueRaw> result = stackalloc ValueRaw[1];
        end.CallUnchecked(result);
        Assert.True(_instance.TryGetMemory("memory", out var memory));
        var bytes = memory.GetSpan();
        var log = new (int, int)[result[0].I32 / 8];
        for (var i = 0; i < log.Length; i++)
        {
            log[i] = (BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 8)..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 8 + 4)..]));
        }
        return log;
    }
}
