using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;

namespace Wippy.Host.Tests.Native;

/// <summary>Instances made from a module linked once (Wasmtime's InstancePre).</summary>
public sealed class InstancePreTests
{
    [Fact]
    public void Instances_from_one_template_are_independent()
    {
        using var engine = new WasmEngine();
        using var module = WasmModule.FromText(engine, """
            (module
              (global $n (mut i32) (i32.const 0))
              (func (export "next") (result i32)
                (global.set $n (i32.add (global.get $n) (i32.const 1)))
                (global.get $n)))
            """);
        using var template = WasmInstancePre.Create(module);
        using var store1 = new WasmStore(engine);
        using var store2 = new WasmStore(engine);
        Assert.True(template.Instantiate(store1).TryGetFunction("next", out var next1));
        Assert.True(template.Instantiate(store2).TryGetFunction("next", out var next2));
        Span<ValueRaw> slot = [default];
        next1.CallUnchecked(slot);
        next1.CallUnchecked(slot);
        Assert.Equal(2, slot[0].I32);
        next2.CallUnchecked(slot);
        Assert.Equal(1, slot[0].I32); // its own global
    }

    [Fact]
    public void A_module_with_imports_cannot_be_linked_without_definitions()
    {
        using var engine = new WasmEngine();
        using var module = WasmModule.FromText(engine, """(module (import "env" "f" (func)))""");
        var error = Assert.Throws<WasmtimeException>(() => WasmInstancePre.Create(module));
        Assert.Contains("env", error.Message);
    }

    [Fact]
    public void A_start_function_that_traps_fails_instantiation()
    {
        using var engine = new WasmEngine();
        using var module = WasmModule.FromText(engine, """(module (func $s unreachable) (start $s))""");
        using var template = WasmInstancePre.Create(module);
        using var store = new WasmStore(engine);
        Assert.Throws<WasmTrapException>(() => template.Instantiate(store));
    }
}
