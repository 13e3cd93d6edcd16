using Wippy.Host.Execution;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// Resources a guest defines, held by the host (<see cref="GuestResource"/>, <see cref="ResourceLease"/>), against the
/// real counter component (tests/guests/components/counter): own results, borrow and own arguments, the guest's
/// destructor on dispose, use after dispose, the instance kept out of its pool while a resource lives, and a trap.
/// The calls are made at the level generated code works at (<see cref="ComponentCall"/>).
/// </summary>
public sealed class GuestResourceTests : IDisposable
{
    private const string Counters = "wippy:counter/counters#";
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });

    public void Dispose() => _runtime.Dispose();

    private ComponentModelExecution Execution => (ComponentModelExecution)_runtime.GetWasmFunction("resources:live").Execution!;

    /// <summary>A call of export <paramref name="name"/> on an instance from the pool.</summary>
    private ComponentCall Pooled(string name)
    {
        var execution = Execution;
        var instance = execution.Take();
        return new ComponentCall(execution, instance, instance.Export(Counters + name)!.Value);
    }

    /// <summary>Makes a counter starting at <paramref name="start"/> with the plain function <c>make</c>.</summary>
    private GuestResource Make(uint start)
    {
        var call = Pooled("make");
        try
        {
            var results = new ComponentVal[1];
            call.Invoke([ComponentVal.U32(start)], results);
            var counter = call.TakeResource(in results[0], "counter");
            call.Complete();
            return counter;
        }
        finally
        {
            call.End();
        }
    }

    /// <summary>Calls a method of <paramref name="counter"/> (self lent) with a u32 result, or none.</summary>
    private static uint? Method(GuestResource counter, string method, params Func<ComponentCall, ComponentVal>[] more)
    {
        var call = counter.Begin(Counters + "[method]counter." + method);
        try
        {
            var args = new ComponentVal[1 + more.Length];
            args[0] = counter.Lend(call, "self");
            for (var i = 0; i < more.Length; i++) args[i + 1] = more[i](call);
            var results = new ComponentVal[method is "get" ? 1 : 0];
            call.Invoke(args, results);
            call.Complete();
            return results.Length == 0 ? null : results[0].AsU32();
        }
        catch (WippyException e)
        {
            call.Failed(e.Kind);
            throw;
        }
        finally
        {
            call.End();
        }
    }

    private uint Live() => U32Result(Pooled("live"));

    /// <summary>Makes <paramref name="call"/> without arguments and gives its u32 result; the call ends either way.</summary>
    private static uint U32Result(ComponentCall call)
    {
        try
        {
            var results = new ComponentVal[1];
            call.Invoke([], results);
            call.Complete();
            return results[0].AsU32();
        }
        finally
        {
            call.End();
        }
    }

    [Fact]
    public void A_resource_the_guest_returned_is_called_and_its_destructor_runs_on_dispose()
    {
        var counter = Make(5);
        Assert.Equal(5u, Method(counter, "get"));
        Method(counter, "increment");
        Method(counter, "increment");
        Assert.Equal(7u, Method(counter, "get"));

        // The instance holding the counter is out of the pool (a lazy pool of 2): another call takes another instance.
        Assert.Equal(0u, Live());
        var lease = Execution;
        Assert.Equal(1, lease.Busy);

        counter.Dispose();
        Assert.True(counter.IsDisposed);
        Assert.Equal(0, lease.Busy);
        var disposed = Assert.Throws<ObjectDisposedException>(() => Method(counter, "get"));
        Assert.Contains("this counter was disposed", disposed.Message);
        counter.Dispose(); // a second dispose does nothing
    }

    [Fact]
    public void The_destructor_runs_in_the_instance_that_made_the_resource()
    {
        var a = Make(1);
        var b = a.Begin(Counters + "[method]counter.doubled") is var call ? Doubled(a, call) : null!;
        Assert.Equal(2u, Method(b, "get"));
        // Both live in one instance: its count says 2, and after disposing one, 1 (read through a method's instance).
        Assert.Equal(2u, LiveOn(a));
        b.Dispose();
        Assert.Equal(1u, LiveOn(a));
        a.Dispose();
        Assert.Equal(0, Execution.Busy);
    }

    private static GuestResource Doubled(GuestResource self, ComponentCall call)
    {
        try
        {
            var results = new ComponentVal[1];
            call.Invoke([self.Lend(call, "self")], results);
            var made = call.TakeResource(in results[0], "counter");
            call.Complete();
            return made;
        }
        finally
        {
            call.End();
        }
    }

    /// <summary><c>live</c> called on the instance holding <paramref name="counter"/>.</summary>
    private static uint LiveOn(GuestResource counter) => U32Result(counter.Begin(Counters + "live"));

    [Fact]
    public void A_resource_lent_to_another_resources_method_and_one_given_away()
    {
        var a = Make(10);
        var b = a.Begin(Counters + "[method]counter.doubled") is var call ? Doubled(a, call) : null!;
        Method(a, "add", c => b.Lend(c, "other")); // 10 + 20
        Assert.Equal(30u, Method(a, "get"));

        // merge takes both (own): they are the guest's, and gone from here; the guest destroyed them.
        var merge = a.Begin(Counters + "[static]counter.merge");
        GuestResource merged;
        try
        {
            var results = new ComponentVal[1];
            merge.Invoke([a.Give(merge, "a"), b.Give(merge, "b")], results);
            merged = merge.TakeResource(in results[0], "counter");
            merge.Complete();
        }
        finally
        {
            merge.End();
        }
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => Method(a, "get"));
        Assert.Equal(50u, Method(merged, "get"));
        Assert.Equal(1u, LiveOn(merged));
        merged.Dispose();
        Assert.Equal(0, Execution.Busy);
    }

    [Fact]
    public void A_resource_cannot_go_to_another_instance()
    {
        var a = Make(1);
        var b = Make(2); // a second instance: a is held by the first
        var call = a.Begin(Counters + "[method]counter.add");
        try
        {
            // A value error (generated code turns it into Invalid naming the called entry, with the value's path).
            var error = Assert.Throws<ComponentValueException>(() => b.Lend(call, "other"));
            Assert.StartsWith("other: this counter was made by another instance", error.Message);
        }
        finally
        {
            call.End();
        }
        Assert.Equal(1u, Method(a, "get")); // the failed attempt left both usable
        a.Dispose();
        b.Dispose();
        Assert.Equal(0, Execution.Busy);
    }

    [Fact]
    public void A_trap_on_the_instance_kills_its_resources_and_the_entry_serves_on()
    {
        var counter = Make(13);
        var other = counter.Begin(Counters + "[method]counter.doubled") is var call ? Doubled(counter, call) : null!;
        var unlucky = counter.Begin(Counters + "unlucky");
        try
        {
            var error = Assert.Throws<WippyException>(() => unlucky.Invoke([counter.Lend(unlucky, "c")], new ComponentVal[1]));
            Assert.Equal(ErrorKind.Trap, error.Kind);
            unlucky.Failed(error.Kind);
        }
        finally
        {
            unlucky.End();
        }
        var dead = Assert.Throws<WippyException>(() => Method(other, "get"));
        Assert.Equal(ErrorKind.Unavailable, dead.Kind);
        Assert.Contains("a call on it failed (Trap)", dead.Message);
        counter.Dispose(); // no destructor runs in a poisoned instance; the handles are freed
        other.Dispose();
        Assert.Equal(0, Execution.Busy);

        var fresh = Make(3);
        Assert.Equal(3u, Method(fresh, "get"));
        Assert.Equal(1u, LiveOn(fresh)); // a new instance: nothing of the dead one's counters
        fresh.Dispose();
    }

    [Fact]
    public void A_resource_never_disposed_lets_its_instance_go_when_collected()
    {
        MakeAndForget();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Execution.Busy != 0 && DateTime.UtcNow < deadline)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Yield();
        }
        Assert.Equal(0, Execution.Busy);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void MakeAndForget() => Assert.Equal(4u, Method(Make(4), "get"));
}
