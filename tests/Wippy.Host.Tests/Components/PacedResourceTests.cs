using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Tests.Paced;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// Resources of a guest on a fiber (tests/guests/components/counter's counter-paced.wasm: its get and destructor wait
/// for the app's awaiting <see cref="IPaceAsync"/>): its methods wait without trouble, but Wasmtime's C API has no
/// asynchronous drop, so disposing such a resource lets it go without its destructor and discards its instance.
/// </summary>
public sealed class PacedResourceTests : IDisposable
{
    private readonly Pace _pace = new();
    private readonly WippyRuntime _runtime;
    private readonly PacedFunctions _functions;

    public PacedResourceTests()
    {
        var services = new ServiceCollection().AddSingleton<IPaceAsync>(_pace).BuildServiceProvider();
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services });
        _functions = new PacedFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    private sealed class Pace : IPaceAsync
    {
        private int _ticks;

        public int Ticks => Volatile.Read(ref _ticks);

        public async ValueTask TickAsync(CancellationToken cancellationToken)
        {
            await Task.Yield(); // a real wait: the guest is suspended on its fiber
            Interlocked.Increment(ref _ticks);
        }
    }

    private int Busy => _runtime.GetWasmFunction("paced:make").Busy;

    [Fact]
    public void A_counter_of_a_guest_on_a_fiber_waits_in_its_methods_and_is_let_go_without_its_destructor()
    {
        var counter = _functions.Make(5);
        Assert.Equal(5u, counter.Get()); // get waits for the tick: the guest is suspended on its fiber, then resumes
        Assert.Equal(1, _pace.Ticks);
        using (var other = _functions.Make(7)) Assert.Equal(7u, other.Get()); // a second instance (the first is the counter's)
        Assert.Equal(2, _pace.Ticks);

        // Wasmtime's C API cannot run a destructor on a fiber's store: Dispose lets the counter go without it (no tick),
        // and its instance is discarded rather than kept warm.
        counter.Dispose();
        Assert.Equal(2, _pace.Ticks);
        Assert.True(counter.IsDisposed);
        Assert.Equal(0, Busy);
        Assert.Equal(0, _runtime.GetWasmFunction("paced:make").Idle); // neither instance was kept warm
        Assert.Throws<ObjectDisposedException>(() => counter.Get());

        using var next = _functions.Make(9); // the entry serves on
        Assert.Equal(9u, next.Get());
    }
}
