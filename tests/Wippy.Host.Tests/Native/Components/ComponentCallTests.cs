using System.Text;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Tests.Native.Components;

public sealed class ComponentCallTests
{
    [Fact]
    public void Component_text_compiles_and_add_returns_13()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.Kitchen);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);

        WasmComponentFunction add = instance.GetFunction("add");
        Assert.Equal(2, add.ParamCount);
        Assert.Equal(1, add.ResultCount);
        Span<ComponentVal> results = stackalloc ComponentVal[1];
        add.Call([ComponentVal.S32(6), ComponentVal.S32(7)], results);
        Assert.Equal(ComponentValKind.S32, results[0].Kind);
        Assert.Equal(13, results[0].AsS32());

        // Results are overwritten even if the caller left something in the slot.
        results[0] = ComponentVal.Bool(true);
        add.Call([ComponentVal.S32(-5), ComponentVal.S32(2)], results);
        Assert.Equal(-3, results[0].AsS32());
    }

    [Fact]
    public void Component_from_bytes_and_from_serialized_bytes_work()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromBytes(engine, Wat2Wasm.Convert(ComponentGuests.Kitchen));
        byte[] serialized = component.Serialize();
        using WasmComponent loaded = WasmComponent.Deserialize(engine, serialized);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        Assert.Equal(13, Add(linker.Instantiate(store, loaded), 6, 7));
    }

    [Fact]
    public void Nested_export_is_found_with_iface_hash_func_and_through_export_indices()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.Kitchen);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);

        Assert.True(instance.TryGetFunction("wippy:test/math#add", out WasmComponentFunction nested));
        Span<ComponentVal> results = stackalloc ComponentVal[1];
        nested.Call([ComponentVal.S32(40), ComponentVal.S32(2)], results);
        Assert.Equal(42, results[0].AsS32());

        Assert.False(instance.TryGetFunction("wippy:test/math#sub", out _));
        Assert.False(instance.TryGetFunction("wippy:test/nope#add", out _));
        Assert.False(instance.TryGetFunction("nope", out _));
        Assert.False(instance.TryGetFunction("wippy:test/math", out _)); // an instance, not a function
        Assert.Throws<KeyNotFoundException>(() => instance.GetFunction("nope"));

        // Indices resolved once on the component work in every instance.
        using WasmComponentExportIndex? iface = component.GetExportIndex("wippy:test/math");
        Assert.NotNull(iface);
        using WasmComponentExportIndex? addIndex = component.GetExportIndex("add", iface);
        Assert.NotNull(addIndex);
        Assert.Null(component.GetExportIndex("missing"));
        for (int i = 0; i < 2; i++)
        {
            WasmComponentInstance other = linker.Instantiate(store, component);
            Assert.True(other.TryGetFunction(addIndex, out WasmComponentFunction f));
            f.Call([ComponentVal.S32(i), ComponentVal.S32(100)], results);
            Assert.Equal(100 + i, results[0].AsS32());
        }
    }

    [Fact]
    public void String_echo_round_trips_utf8()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.Kitchen);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);
        WasmComponentFunction echo = instance.GetFunction("echo");

        using var arena = new ComponentValArena();
        Span<ComponentVal> results = stackalloc ComponentVal[1];
        foreach (string text in new[] { "héllo 😀", string.Empty, new string('x', 10_000), "a\0b" })
        {
            echo.Call([arena.String(text)], results);
            try
            {
                Assert.Equal(ComponentValKind.String, results[0].Kind);
                Assert.Equal(text, results[0].AsString());
                Assert.True(results[0].AsUtf8().SequenceEqual(Encoding.UTF8.GetBytes(text)));
            }
            finally
            {
                ComponentVal.Release(results);
            }

            Assert.Equal(ComponentValKind.Bool, results[0].Kind); // released slots are reset
        }

        // Raw UTF-8 input, validated.
        echo.Call([arena.String("ünï"u8)], results);
        Assert.Equal("ünï", results[0].AsString());
        ComponentVal.Release(results);
        Assert.Throws<ArgumentException>(() => arena.String([0xFF, 0xFE]));
    }

    [Fact]
    public void Owned_string_from_wasmtime_allocator_works_as_an_argument()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.Kitchen);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        WasmComponentFunction echo = linker.Instantiate(store, component).GetFunction("echo");

        Span<ComponentVal> args = [ComponentVal.OwnedString("owned ✓")];
        Span<ComponentVal> results = stackalloc ComponentVal[1];
        echo.Call(args, results);
        Assert.Equal("owned ✓", results[0].AsString());
        ComponentVal.Release(results);
        ComponentVal.Release(args);
    }

    [Fact]
    public void Wrong_arity_and_wrong_argument_types_are_errors_not_crashes_but_poison_the_store()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.Kitchen);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);
        WasmComponentFunction add = instance.GetFunction("add");

        var results = new ComponentVal[1];
        Assert.Throws<ArgumentException>(() => add.Call([ComponentVal.S32(1)], results));
        Assert.Throws<ArgumentException>(() => add.Call([ComponentVal.S32(1), ComponentVal.S32(2)], []));
        var ex = Assert.Throws<WasmtimeException>(() => add.Call([ComponentVal.U32(1), ComponentVal.S32(2)], results));
        Assert.IsNotType<WasmTrapException>(ex);
        Assert.Contains("type mismatch", ex.Message, StringComparison.OrdinalIgnoreCase);

        // Measured with 50.0.1: even this host-side type error leaves the store unenterable, as a trap does
        // (this instance and any new one in the store); a new store works.
        var poisoned = Assert.Throws<WasmTrapException>(() => Add(instance, 1, 2));
        Assert.Contains("cannot enter component instance", poisoned.Message, StringComparison.Ordinal);
        Assert.Throws<WasmTrapException>(() => Add(linker.Instantiate(store, component), 1, 2));
        using var fresh = new WasmStore(engine);
        Assert.Equal(3, Add(linker.Instantiate(fresh, component), 1, 2));
    }

    [Fact]
    public void Default_function_throws()
    {
        WasmComponentFunction none = default;
        Assert.Throws<InvalidOperationException>(() => none.Call([], []));
    }

    [Fact]
    public void Compile_errors_are_compile_exceptions()
    {
        using var engine = new WasmEngine();
        Assert.Throws<WasmCompileException>(() => WasmComponent.FromText(engine, "(component (func (export \"f\") (canon lift (core func 9))))"));
        Assert.Throws<WasmCompileException>(() => WasmComponent.FromText(engine, "(module)")); // a core module is not a component
        Assert.Throws<WasmCompileException>(() => WasmComponent.FromBytes(engine, [0, 1, 2]));
    }

    internal static int Add(WasmComponentInstance instance, int a, int b)
    {
        Span<ComponentVal> results = stackalloc ComponentVal[1];
        instance.GetFunction("add").Call([ComponentVal.S32(a), ComponentVal.S32(b)], results);
        return results[0].AsS32();
    }
}
