using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Tests.Resources;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// A resource a component imports, implemented in C# (tests/guests/components/tally imports wippy:tally/store's
/// <c>tally</c>): the generated <see cref="IStore"/> and <see cref="ITally"/>, the guest's constructor and method calls
/// reaching the app's objects, a borrow, the guest's drop disposing them, a handle dropped twice or used after its
/// drop trapping while the entry serves on, and the store ending what the guest never dropped.
/// </summary>
public sealed class ImportedResourceTests : IDisposable
{
    private readonly TallyStore _store = new();
    private readonly WippyRuntime _runtime;
    private readonly ResourcesFunctions _functions;

    public ImportedResourceTests()
    {
        var services = new ServiceCollection().AddSingleton<IStore>(_store).BuildServiceProvider();
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services });
        _functions = new ResourcesFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    /// <summary>The app's implementation: tallies it makes, and what happened to them.</summary>
    private sealed class TallyStore : IStore
    {
        public List<Tally> Made { get; } = [];

        public ITally NewTally(uint start) => Add(new Tally(start));

        public ITally Open(uint start) => Add(new Tally(start * 10));

        public uint Peek(ITally t) => t.Total();

        private Tally Add(Tally tally)
        {
            lock (Made) Made.Add(tally);
            return tally;
        }
    }

    private sealed class Tally(uint start) : ITally
    {
        private uint _total = start;

        public bool Disposed { get; private set; }

        public void Add(uint n) => _total += n;

        public uint Total() => _total;

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void The_guest_makes_uses_and_drops_the_apps_tally()
    {
        Assert.Equal(5u + 1 + 2 + 3, _functions.TallyRun(5, 3)); // constructor, three adds, total, drop
        var tally = Assert.Single(_store.Made);
        Assert.True(tally.Disposed); // the guest dropped its handle
    }

    [Fact]
    public void A_function_returning_a_tally_and_one_borrowing_it()
    {
        Assert.Equal(70u, _functions.TallyViaOpen(7)); // open (start × 10), peek (a borrow), drop
        Assert.True(Assert.Single(_store.Made).Disposed);
    }

    [Fact]
    public void A_handle_dropped_twice_or_used_after_its_drop_traps_and_the_entry_serves_on()
    {
        var twice = Assert.Throws<WippyException>(() => _functions.TallyDropTwice());
        Assert.Equal((ErrorKind.Trap, "resources:tally_drop_twice"), (twice.Kind, twice.EntryId));
        Assert.Contains("the guest misused a resource handle", twice.Message);
        Assert.Contains("unknown handle index", twice.Message);
        var after = Assert.Throws<WippyException>(() => _functions.TallyUseAfterDrop());
        Assert.Equal(ErrorKind.Trap, after.Kind);
        Assert.All(_store.Made, t => Assert.True(t.Disposed));
        Assert.Equal(5u + 1, _functions.TallyRun(5, 1)); // the next calls are served
    }

    [Fact]
    public void What_the_guest_never_drops_is_disposed_with_its_store()
    {
        Assert.Equal(4u, _functions.TallyLeak(4));
        var tally = Assert.Single(_store.Made);
        // tally_leak is on an inline-like fresh instance or a pooled one: the store ends at the latest with the runtime.
        _runtime.Dispose();
        Assert.True(tally.Disposed);
    }
}
