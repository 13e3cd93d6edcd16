using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Tests.Native.Components;

public sealed class ComponentHostFunctionTests
{
    [Fact]
    public void Guest_calls_host_functions_with_scalars_and_strings()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.WithHostImports);
        using var linker = new WasmComponentLinker(engine);
        int doubles = 0;
        linker.DefineFunctions("wippy:test/host", [
            new("double", (args, results) =>
            {
                doubles++;
                results[0] = ComponentVal.S32(args[0].AsS32() * 2);
            }),
            new("greet", (args, results) => results[0] = ComponentVal.OwnedString("hello, " + args[0].AsString() + "!")),
        ]);

        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);
        Span<ComponentVal> results = stackalloc ComponentVal[1];
        instance.GetFunction("quad").Call([ComponentVal.S32(5)], results);
        Assert.Equal(20, results[0].AsS32());
        Assert.Equal(2, doubles);

        using var arena = new ComponentValArena();
        WasmComponentFunction hello = instance.GetFunction("hello");
        for (int i = 0; i < 3; i++)
        {
            hello.Call([arena.String("wörld 😀")], results);
            Assert.Equal("hello, wörld 😀!", results[0].AsString());
            ComponentVal.Release(results);
        }
    }

    [Fact]
    public void Host_exception_becomes_an_error_with_the_exception_inside()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.WithHostImports);
        using var linker = new WasmComponentLinker(engine);
        linker.DefineFunctions("wippy:test/host", [
            new("double", (_, _) => throw new InvalidOperationException("no doubling today")),
            new("greet", (_, results) => results[0] = ComponentVal.OwnedString("unused")),
        ]);
        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);

        var results = new ComponentVal[1];
        var ex = Assert.Throws<WasmtimeException>(() => instance.GetFunction("quad").Call([ComponentVal.S32(1)], results));
        Assert.Contains("no doubling today", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);

        // Like a trap, a failed host call poisons the store: a new instance there cannot be entered.
        WasmComponentInstance next = linker.Instantiate(store, component);
        Assert.Throws<WasmTrapException>(() => next.GetFunction("quad").Call([ComponentVal.S32(1)], results));
    }

    [Fact]
    public void Functions_can_be_added_to_an_instance_one_at_a_time_but_not_twice()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.WithHostImports);
        using var linker = new WasmComponentLinker(engine);
        linker.DefineFunction("wippy:test/host", "double", (args, results) => results[0] = ComponentVal.S32(args[0].AsS32() * 3));
        linker.DefineFunction("wippy:test/host", "greet", (_, results) => results[0] = ComponentVal.OwnedString("hi"));
        var ex = Assert.Throws<WasmtimeException>(() => linker.DefineFunction("wippy:test/host", "double", (_, _) => { }));
        Assert.Contains("double", ex.Message, StringComparison.Ordinal);

        // The linker is still usable afterwards (the exclusive linker-instance borrows were released).
        linker.DefineFunction(null, "top-level", (_, _) => { });
        using var store = new WasmStore(engine);
        var results = new ComponentVal[1];
        linker.Instantiate(store, component).GetFunction("quad").Call([ComponentVal.S32(2)], results);
        Assert.Equal(18, results[0].AsS32());
    }

    [Fact]
    public void AddWasip2_defines_wasi_and_twice_is_an_error()
    {
        using var engine = new WasmEngine();
        using var linker = new WasmComponentLinker(engine);
        linker.AddWasip2();
        Assert.Throws<WasmtimeException>(linker.AddWasip2);
        linker.AllowShadowing(true);
        linker.AddWasip2();
    }
}
