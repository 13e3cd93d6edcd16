using Wippy.Host.Execution;
using Wippy.Host.Pools;
using Wippy.Host.Native;

namespace Wippy.Host.Tests.Loading;

/// <summary>The warm-instance pool keeps at most its capacity and disposes what it cannot keep.</summary>
public sealed class InstancePoolTests : IDisposable
{
    private readonly WasmEngine _engine = new();
    private readonly WasmModule _module;

    public InstancePoolTests() => _module = WasmModule.FromText(_engine, "(module (func (export \"f\") (result i32) i32.const 1))");

    public void Dispose()
    {
        _module.Dispose();
        _engine.Dispose();
    }

    private CoreInstance NewInstance() => CoreInstance.Create(_engine, _module, "f", new Wippy.Host.Registry.LimitSettings(null, null, null));

    private static bool IsDisposed(CoreInstance instance)
    {
        try
        {
            instance.Store.SetEpochDeadline(1);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    [Fact]
    public void Keeps_up_to_capacity_and_disposes_the_rest()
    {
        using var pool = new InstancePool<CoreInstance>(2);
        CoreInstance a = NewInstance(), b = NewInstance(), c = NewInstance();
        Assert.True(pool.Return(a));
        Assert.True(pool.Return(b));
        Assert.False(pool.Return(c)); // full: the caller learns the instance is gone
        Assert.True(IsDisposed(c));
        Assert.False(IsDisposed(a));

        var taken = new[] { pool.TryTake(), pool.TryTake() };
        Assert.Equal(new[] { a, b }.OrderBy(x => x.GetHashCode()), taken.OrderBy(x => x!.GetHashCode()));
        Assert.Null(pool.TryTake());
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void Dispose_disposes_idle_instances_and_later_returns()
    {
        var pool = new InstancePool<CoreInstance>(4);
        var idle = NewInstance();
        pool.Return(idle);
        pool.Dispose();
        Assert.True(IsDisposed(idle));
        var late = NewInstance();
        Assert.False(pool.Return(late));
        Assert.True(IsDisposed(late));
        Assert.Null(pool.TryTake());
    }

    [Fact]
    public void Retire_passes_running_at_the_same_time_keep_the_instance_they_must_keep()
    {
        // The reaper is a timer: when the thread pool is busy, a late pass and the next one can run at the same time.
        for (var round = 0; round < 50; round++)
        {
            using var pool = new InstancePool<SlowToDispose>(8);
            var instances = Enumerable.Range(0, 8).Select(_ => new SlowToDispose()).ToList();
            foreach (var instance in instances) pool.Return(instance, timestamp: 0);
            using var together = new Barrier(4);
            var retired = new int[4];
            var passes = Enumerable.Range(0, 4).Select(i => new Thread(() =>
            {
                together.SignalAndWait();
                retired[i] = pool.RetireOlderThan(cutoff: 1, keep: 1);
            })).ToList();
            passes.ForEach(t => t.Start());
            passes.ForEach(t => t.Join());

            Assert.Equal(1, pool.Count);
            Assert.Equal(7, retired.Sum());
            Assert.Equal(7, instances.Count(i => i.Disposed));
        }
    }

    /// <summary>An instance whose disposal takes a millisecond, as freeing a store or a Lua state can: passes overlap.</summary>
    private sealed class SlowToDispose : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose()
        {
            Thread.Sleep(1);
            Disposed = true;
        }
    }

    [Fact]
    public void Concurrent_take_and_return_never_hands_one_instance_to_two_callers()
    {
        using var pool = new InstancePool<CoreInstance>(4);
        for (var i = 0; i < 4; i++) pool.Return(NewInstance());
        var inUse = new System.Collections.Concurrent.ConcurrentDictionary<CoreInstance, byte>();
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            var instance = pool.TryTake();
            if (instance is null) return;
            Assert.True(inUse.TryAdd(instance, 0), "an instance was handed out twice");
            inUse.TryRemove(instance, out byte _);
            pool.Return(instance);
        });
    }

    private sealed class Owned : IDisposable
    {
        public int Holders;
        public int Disposals;
        public void Dispose() => Interlocked.Increment(ref Disposals);
    }

    [Fact]
    public void The_fast_slot_hands_its_instance_to_one_taker_at_a_time()
    {
        using var pool = new InstancePool<Owned>(1); // the fast slot only
        var instance = new Owned();
        Assert.True(pool.Return(instance));
        int takes = 0, overlaps = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                if (pool.TryTake() is not { } taken) continue;
                if (Interlocked.Increment(ref taken.Holders) != 1) Interlocked.Increment(ref overlaps);
                Interlocked.Increment(ref takes);
                Interlocked.Decrement(ref taken.Holders);
                Assert.True(pool.Return(taken));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(0, overlaps);
        Assert.True(takes > 0);
        Assert.Equal(1, pool.Count);
        Assert.Same(instance, pool.TryTake());
        Assert.Equal(0, instance.Disposals);
    }

    [Fact]
    public void The_fast_slots_instance_out_with_a_call_is_not_idle_and_comes_back_to_the_slot()
    {
        using var pool = new InstancePool<Owned>(2);
        var fast = new Owned();
        var other = new Owned();
        Assert.True(pool.Return(fast));
        Assert.Same(fast, pool.TryTake());
        Assert.Equal(0, pool.Count);
        Assert.True(pool.Return(other)); // another instance given back meanwhile goes to a slot of the array
        Assert.True(pool.Return(fast));
        Assert.Equal(2, pool.Count);
        Assert.Same(fast, pool.TryTake()); // the fast slot first
        pool.Forget(fast); // its call dropped it
        Assert.Equal(1, pool.Count);
        Assert.Same(other, pool.TryTake());
        Assert.Null(pool.TryTake());
        Assert.Equal((0, 0), (fast.Disposals, other.Disposals));
    }

    [Fact]
    public void Retiring_takes_the_fast_slot_only_when_its_instance_is_old_enough()
    {
        using var pool = new InstancePool<Owned>(1);
        var instance = new Owned();
        pool.Return(instance, timestamp: 100);
        Assert.Equal(0, pool.RetireOlderThan(cutoff: 100, keep: 0)); // given back at 100: not before 100
        Assert.Equal(1, pool.Count);
        Assert.Equal(1, pool.RetireOlderThan(cutoff: 101, keep: 0));
        Assert.Equal((0, 1), (pool.Count, instance.Disposals));
        Assert.Null(pool.TryTake());
    }
}
