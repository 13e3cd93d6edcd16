using System.Diagnostics;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;

namespace Wippy.Host.Tests.Native;

public sealed class TrapTests
{
    [Fact]
    public void Unreachable_traps_with_its_code_and_the_host_keeps_working()
    {
        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromText(engine, Guests.Traps);
        using var store = new WasmStore(engine);
        WasmInstance instance = WasmInstance.Instantiate(store, module);

        Assert.True(instance.TryGetFunction("boom", out WasmFunction boom));
        var ex = Assert.Throws<WasmTrapException>(() => boom.CallUnchecked([]));
        Assert.Equal(WasmTrapCode.UnreachableCodeReached, ex.Code);
        Assert.Contains("unreachable", ex.Message, StringComparison.Ordinal);

        // A fresh instance (same store and a new one) still works.
        Assert.Equal(5, Add(WasmInstance.Instantiate(store, module), 2, 3));
        using var other = new WasmStore(engine);
        Assert.Equal(9, Add(WasmInstance.Instantiate(other, module), 4, 5));
    }

    [Fact]
    public void Out_of_bounds_load_traps_with_memory_out_of_bounds()
    {
        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromText(engine, Guests.Traps);
        using var store = new WasmStore(engine);
        WasmInstance instance = WasmInstance.Instantiate(store, module);

        Assert.True(instance.TryGetFunction("oob", out WasmFunction oob));
        var ex = Assert.Throws<WasmTrapException>(() => oob.CallUnchecked(new ValueRaw[1]));
        Assert.Equal(WasmTrapCode.MemoryOutOfBounds, ex.Code);

        Assert.True(instance.TryGetFunction("div", out WasmFunction div));
        var divide = Assert.Throws<WasmTrapException>(() => div.CallUnchecked([ValueRaw.FromI32(1), ValueRaw.FromI32(0)]));
        Assert.Equal(WasmTrapCode.IntegerDivisionByZero, divide.Code);
    }

    [Fact]
    public void Start_function_trap_fails_instantiation()
    {
        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromText(engine, "(module (func $s unreachable) (start $s))");
        using var store = new WasmStore(engine);
        var ex = Assert.Throws<WasmTrapException>(() => WasmInstance.Instantiate(store, module));
        Assert.Equal(WasmTrapCode.UnreachableCodeReached, ex.Code);
    }

    [Fact]
    public void Module_with_imports_fails_with_a_message_listing_them()
    {
        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromText(engine, Guests.WithImports);
        using var store = new WasmStore(engine);

        var ex = Assert.Throws<WasmtimeException>(() => WasmInstance.Instantiate(store, module));
        Assert.Contains("4 import(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("env.log (func (i32, i64) -> (f32))", ex.Message, StringComparison.Ordinal);
        Assert.Contains("env.mem (Memory)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("wasi_snapshot_preview1.proc_exit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Module_from_another_engine_is_rejected()
    {
        using var engine = new WasmEngine();
        using var other = new WasmEngine();
        using WasmModule module = WasmModule.FromText(other, "(module)");
        using var store = new WasmStore(engine);
        Assert.Throws<ArgumentException>(() => WasmInstance.Instantiate(store, module));
    }

    [Fact]
    public void Epoch_deadline_interrupts_an_infinite_loop()
    {
        using var engine = new WasmEngine(new WasmEngineOptions { EpochInterruption = true });
        using WasmModule module = WasmModule.FromText(engine, Guests.Traps);
        using var store = new WasmStore(engine);
        store.SetEpochDeadline(1);
        WasmInstance instance = WasmInstance.Instantiate(store, module);
        Assert.True(instance.TryGetFunction("spin", out WasmFunction spin));

        using var cts = new CancellationTokenSource();
        var ticker = new Thread(() =>
        {
            while (!cts.IsCancellationRequested)
            {
                Thread.Sleep(5);
                engine.IncrementEpoch();
            }
        })
        { IsBackground = true };
        ticker.Start();
        var watch = Stopwatch.StartNew();
        try
        {
            var ex = Assert.Throws<WasmTrapException>(() => spin.CallUnchecked([]));
            Assert.Equal(WasmTrapCode.Interrupt, ex.Code);
        }
        finally
        {
            cts.Cancel();
            ticker.Join();
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));

        // The store is usable again once given a new deadline.
        store.SetEpochDeadline(1_000_000);
        Assert.Equal(3, Add(WasmInstance.Instantiate(store, module), 1, 2));
    }

    [Fact]
    public void New_store_with_epochs_on_and_no_deadline_traps_at_once()
    {
        using var engine = new WasmEngine(new WasmEngineOptions { EpochInterruption = true });
        using WasmModule module = WasmModule.FromText(engine, Guests.Traps);
        using var store = new WasmStore(engine);
        WasmInstance instance = WasmInstance.Instantiate(store, module);
        Assert.True(instance.TryGetFunction("add", out WasmFunction add));
        var ex = Assert.Throws<WasmTrapException>(() => add.CallUnchecked(new ValueRaw[2]));
        Assert.Equal(WasmTrapCode.Interrupt, ex.Code);
    }

    [Fact]
    public void Fuel_runs_out()
    {
        using var engine = new WasmEngine(new WasmEngineOptions { ConsumeFuel = true });
        using WasmModule module = WasmModule.FromText(engine, Guests.Traps);
        using var store = new WasmStore(engine);
        Assert.Equal(0UL, store.Fuel);
        store.Fuel = 10_000;
        Assert.Equal(10_000UL, store.Fuel);
        WasmInstance instance = WasmInstance.Instantiate(store, module);
        Assert.Equal(3, Add(instance, 1, 2));
        Assert.True(store.Fuel < 10_000UL);

        Assert.True(instance.TryGetFunction("spin", out WasmFunction spin));
        var ex = Assert.Throws<WasmTrapException>(() => spin.CallUnchecked([]));
        Assert.Equal(WasmTrapCode.OutOfFuel, ex.Code);
        Assert.Equal(0UL, store.Fuel);
    }

    [Fact]
    public void Fuel_without_consume_fuel_is_an_invalid_operation()
    {
        using var engine = new WasmEngine();
        using var store = new WasmStore(engine);
        Assert.Throws<InvalidOperationException>(() => store.Fuel);
        Assert.Throws<InvalidOperationException>(() => store.Fuel = 1);
    }

    [Fact]
    public void Stack_overflow_traps_and_max_stack_is_validated()
    {
        using var engine = new WasmEngine(new WasmEngineOptions { MaxWasmStack = 64 * 1024 });
        using WasmModule module = WasmModule.FromText(engine, "(module (func $f (export \"f\") call $f))");
        using var store = new WasmStore(engine);
        Assert.True(WasmInstance.Instantiate(store, module).TryGetFunction("f", out WasmFunction f));
        var ex = Assert.Throws<WasmTrapException>(() => f.CallUnchecked([]));
        Assert.Equal(WasmTrapCode.StackOverflow, ex.Code);

        Assert.Throws<ArgumentOutOfRangeException>(() => new WasmEngine(new WasmEngineOptions { MaxWasmStack = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new WasmEngine(new WasmEngineOptions { MaxWasmStack = WasmEngineOptions.MaxWasmStackLimit + 1 }));
    }

    private static int Add(WasmInstance instance, int a, int b)
    {
        Assert.True(instance.TryGetFunction("add", out WasmFunction add));
        Span<ValueRaw> slots = [ValueRaw.FromI32(a), ValueRaw.FromI32(b)];
        add.CallUnchecked(slots);
        return slots[0].I32;
    }
}
