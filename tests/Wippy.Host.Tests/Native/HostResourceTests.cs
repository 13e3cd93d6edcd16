using Wippy.Host.HostInterfaces;
using Wippy.Host.Native;

namespace Wippy.Host.Tests.Native;

/// <summary>The table of a store's host resources, and the store's ownership of its host state.</summary>
public sealed class HostResourceTests
{
    private static readonly HostResourceType Thing = new("test:host/things", "thing");
    private static readonly HostResourceType Other = new("test:host/things", "other");

    [Fact]
    public void Kinds_of_resources_never_share_a_tag()
    {
        Assert.NotEqual(Thing.Tag, Other.Tag);
        Assert.Equal("test:host/things/thing", Thing.ToString());
    }

    [Fact]
    public void A_resource_is_found_by_its_rep_and_kind_only_while_it_lives()
    {
        using var table = new ResourceTable();
        var a = new object();
        var b = new object();
        var ra = table.Add(Thing, a);
        var rb = table.Add(Thing, b);
        Assert.NotEqual(ra, rb);
        Assert.Same(a, table.Get(ra, Thing));
        Assert.Same(b, table.Get(rb, Thing));
        Assert.Equal(2, table.Count);

        Assert.Throws<HostResourceException>(() => table.Get(ra, Other)); // the wrong kind
        Assert.Throws<HostResourceException>(() => table.Get(99, Thing)); // never made
        Assert.Same(a, table.Remove(ra, Thing));
        Assert.Throws<HostResourceException>(() => table.Get(ra, Thing)); // dropped
        Assert.Throws<HostResourceException>(() => table.Remove(ra, Thing)); // dropped twice
        Assert.Equal(1, table.Count);

        var c = new object();
        Assert.Equal(ra, table.Add(Other, c)); // a freed number is used again, for any kind
        Assert.Same(c, table.Get(ra, Other));
        Assert.Throws<HostResourceException>(() => table.Get(ra, Thing));
    }

    [Fact]
    public void What_the_guest_never_dropped_is_disposed_with_the_store()
    {
        using var engine = new WasmEngine();
        var state = new HostState("test:entry");
        var leaked = new Disposable();
        var dropped = new Disposable();
        state.Resources.Add(Thing, leaked);
        state.Resources.Remove(state.Resources.Add(Thing, dropped), Thing);
        var store = new WasmStore(engine, state);
        Assert.Same(state, WasmStore.HostStateOf(store.Context));
        Assert.False(leaked.Disposed);
        store.Dispose();
        Assert.True(leaked.Disposed);
        Assert.False(dropped.Disposed); // removed from the table: its new owner disposes it
        Assert.Equal(0, state.Resources.Count);
    }

    [Fact]
    public void A_store_without_host_state_has_none()
    {
        using var engine = new WasmEngine();
        using var store = new WasmStore(engine);
        Assert.Null(WasmStore.HostStateOf(store.Context));
    }

    private sealed class Disposable : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
