using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Tests.Native.Components;

public sealed class ComponentTrapTests
{
    [Fact]
    public void Trap_throws_WasmTrapException_and_a_new_instance_in_a_new_store_works()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.Kitchen);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);

        WasmComponentFunction boom = instance.GetFunction("boom");
        Assert.Equal(0, boom.ParamCount);
        Assert.Equal(0, boom.ResultCount);
        var ex = Assert.Throws<WasmTrapException>(() => boom.Call([], []));
        Assert.Equal(WasmTrapCode.UnreachableCodeReached, ex.Code);
        Assert.Contains("unreachable", ex.Message, StringComparison.Ordinal);

        // The trapped instance is poisoned: Wasmtime refuses to enter it again (itself a trap).
        var again = Assert.Throws<WasmTrapException>(() => ComponentCallTests.Add(instance, 1, 2));
        Assert.Contains("cannot enter component instance", again.Message, StringComparison.Ordinal);

        // Measured with 50.0.1: the whole store is poisoned, not just the instance. A new instance in the same
        // store cannot be entered either; a new store works.
        WasmComponentInstance sameStore = linker.Instantiate(store, component);
        Assert.Throws<WasmTrapException>(() => ComponentCallTests.Add(sameStore, 6, 7));
        using var other = new WasmStore(engine);
        Assert.Equal(13, ComponentCallTests.Add(linker.Instantiate(other, component), 6, 7));
    }

    [Fact]
    public void Epoch_interrupt_in_a_component_is_a_trap_with_the_interrupt_code()
    {
        using var engine = new WasmEngine(new WasmEngineOptions { EpochInterruption = true });
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.Kitchen);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);

        // A new store's deadline is already reached.
        var ex = Assert.Throws<WasmTrapException>(() => ComponentCallTests.Add(instance, 1, 2));
        Assert.Equal(WasmTrapCode.Interrupt, ex.Code);

        // As after any trap, the store is poisoned: use a new one.
        using var next = new WasmStore(engine);
        next.SetEpochDeadline(1_000);
        Assert.Equal(3, ComponentCallTests.Add(linker.Instantiate(next, component), 1, 2));
    }

    [Fact]
    public void Missing_import_fails_instantiation_with_a_WasmtimeException()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.WithHostImports);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        var ex = Assert.Throws<WasmtimeException>(() => linker.Instantiate(store, component));
        Assert.IsNotType<WasmTrapException>(ex);
        Assert.Contains("wippy:test/host", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_imports_defined_as_traps_fail_when_called()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.WithHostImports);
        using var linker = new WasmComponentLinker(engine);
        linker.DefineUnknownImportsAsTraps(component);
        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);
        var results = new ComponentVal[1];
        // Despite the name, the stub raises a plain error (no trap code), so this is a WasmtimeException.
        var ex = Assert.Throws<WasmtimeException>(() => instance.GetFunction("quad").Call([ComponentVal.S32(1)], results));
        Assert.IsNotType<WasmTrapException>(ex);
    }
}
