using Wippy.Host.Pools;
using Wippy.Host.Registry;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>
/// The pool's bookkeeping on its own, with plain objects for instances: it counts live instances, so the warm path
/// touches no counter; these tests hold it to its promises (the capacity, the order of waiters, no instance idle while
/// a caller waits, places given back on every failure). The pools with real guests are in <see cref="PoolTests"/>.
/// </summary>
public sealed class EntryPoolTests
{
    private sealed class Worker : IDisposable
    {
        public int Disposals;
        public void Dispose() => Interlocked.Increment(ref Disposals);
    }

    private int _created;

    private EntryPool<Worker> Pool(PoolType type, int size, int buffer = 1, Func<Worker>? create = null) =>
        new("test:pool", new PoolSettings(type, size, Workers: size, Buffer: buffer, MaxSize: size, WarmStart: false),
            create ?? (() =>
            {
                Interlocked.Increment(ref _created);
                return new Worker();
            }));

    [Fact]
    public void A_warm_call_takes_the_instance_the_last_call_gave_back()
    {
        using var pool = Pool(PoolType.Lazy, 4);
        var first = pool.Rent(default);
        pool.Return(first, keep: true);
        Assert.Same(first, pool.Rent(default));
        Assert.Equal((1, 1, 0), (_created, pool.Busy, pool.Idle));
    }

    [Fact]
    public void Concurrent_callers_never_exceed_the_capacity_and_every_instance_ends_idle()
    {
        using var pool = Pool(PoolType.Lazy, 2);
        int running = 0, most = 0;
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var worker = pool.Rent(default);
                var now = Interlocked.Increment(ref running);
                int seen;
                while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen) { }
                Assert.Equal(0, worker.Disposals);
                Interlocked.Decrement(ref running);
                pool.Return(worker, keep: true);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.InRange(most, 1, 2);
        Assert.InRange(_created, 1, 2); // kept instances serve every later call
        Assert.Equal((0, _created, 0), (pool.Busy, pool.Idle, pool.Queued));
    }

    [Fact]
    public async Task An_instance_given_back_goes_to_the_waiting_caller_not_to_the_idle_slots()
    {
        using var pool = Pool(PoolType.Lazy, 1);
        var first = pool.Rent(default);
        var waiting = Task.Factory.StartNew(() => pool.Rent(default), TaskCreationOptions.LongRunning);
        Eventually.True(() => pool.Queued == 1, "the second caller queued");
        pool.Return(first, keep: true);
        Assert.Same(first, await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal((1, 0, 0, 1), (pool.Busy, pool.Idle, pool.Queued, _created));
    }

    [Fact]
    public async Task A_discarded_instance_leaves_its_place_to_the_waiting_caller()
    {
        using var pool = Pool(PoolType.Static, 1);
        var first = pool.Rent(default);
        var waiting = Task.Factory.StartNew(() => pool.Rent(default), TaskCreationOptions.LongRunning);
        Eventually.True(() => pool.Queued == 1, "the second caller queued");
        pool.Return(first, keep: false);
        Assert.NotSame(first, await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, first.Disposals);
        Assert.Equal((2, 1), (_created, pool.Busy));
    }

    [Fact]
    public async Task Waiters_are_served_in_the_order_they_came()
    {
        using var pool = Pool(PoolType.Lazy, 1);
        var held = pool.Rent(default);
        var order = new List<int>();
        var waiters = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            var n = i;
            waiters.Add(Task.Run(async () =>
            {
                var worker = await pool.RentAsync(default);
                lock (order) order.Add(n);
                pool.Return(worker, keep: true);
            }));
            Eventually.True(() => pool.Queued == n + 1, $"caller {n} queued");
        }
        pool.Return(held, keep: true);
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([0, 1, 2], order);
        Assert.Equal((1, 0, 1), (_created, pool.Busy, pool.Idle));
    }

    [Fact]
    public void A_failure_to_make_an_instance_gives_its_place_back()
    {
        var fail = true;
        using var pool = Pool(PoolType.Lazy, 1, create: () => fail ? throw new InvalidOperationException("no instance") : new Worker());
        Assert.Throws<InvalidOperationException>(() => pool.Rent(default));
        Assert.Equal(0, pool.Busy);
        fail = false;
        var worker = pool.Rent(default); // the only place is free again: this would wait forever otherwise
        Assert.Equal(1, pool.Busy);
        pool.Return(worker, keep: true);
    }

    [Fact]
    public async Task A_cancelled_waiter_fails_with_Timeout_and_leaves_the_queue()
    {
        using var pool = Pool(PoolType.Lazy, 1);
        var held = pool.Rent(default);
        using var cancel = new CancellationTokenSource();
        var waiting = pool.RentAsync(cancel.Token).AsTask();
        Assert.Equal(1, pool.Queued);
        cancel.Cancel();
        var error = await Assert.ThrowsAsync<WippyException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal(0, pool.Queued);
        pool.Return(held, keep: true);
        Assert.Same(held, pool.Rent(default)); // the instance was not handed to the cancelled caller
    }

    [Fact]
    public void Adopting_beyond_the_capacity_disposes_the_extra_instance()
    {
        using var pool = Pool(PoolType.Static, 1);
        Worker kept = new(), extra = new();
        pool.Adopt(kept);
        pool.Adopt(extra);
        Assert.Equal((0, 1), (kept.Disposals, extra.Disposals));
        Assert.Equal((0, 1), (pool.Busy, pool.Idle));
        Assert.Same(kept, pool.Rent(default));
    }

    [Fact]
    public void Retiring_idle_instances_frees_their_places()
    {
        using var pool = Pool(PoolType.Lazy, 1);
        var first = pool.Rent(default);
        pool.Return(first, keep: true);
        Assert.Equal(1, pool.Retire(TimeSpan.Zero));
        Assert.Equal((1, 0, 0), (first.Disposals, pool.Busy, pool.Idle));
        var second = pool.Rent(default); // a new instance in the freed place, without waiting
        Assert.NotSame(first, second);
        Assert.Equal(2, _created);
    }

    [Fact]
    public void Warming_stops_at_the_capacity()
    {
        using var pool = Pool(PoolType.Static, 2);
        var busy = pool.Rent(default);
        pool.Warm(5);
        Assert.Equal((1, 1, 2), (pool.Busy, pool.Idle, _created));
        pool.Return(busy, keep: true);
        Assert.Equal(2, pool.Idle);
    }

    [Fact]
    public async Task An_instance_being_made_ahead_of_calls_is_not_a_call_in_flight()
    {
        using var creating = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        using var pool = Pool(PoolType.Lazy, 2, create: () =>
        {
            creating.Set();
            finish.Wait(TimeSpan.FromSeconds(30));
            return new Worker();
        });
        var warming = Task.Factory.StartNew(() => pool.Warm(1), TaskCreationOptions.LongRunning);
        Assert.True(creating.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, pool.Busy); // a host stopping would otherwise wait for a "call" that is warm start
        finish.Set();
        await warming.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((0, 1), (pool.Busy, pool.Idle));
    }

    [Fact]
    public void After_dispose_a_returned_instance_is_disposed_and_new_callers_fail_with_Unavailable()
    {
        var pool = Pool(PoolType.Lazy, 2);
        var worker = pool.Rent(default);
        pool.Dispose();
        pool.Return(worker, keep: true);
        Assert.Equal(1, worker.Disposals);
        Assert.Equal(ErrorKind.Unavailable, Assert.Throws<WippyException>(() => pool.Rent(default)).Kind);
    }

    [Fact]
    public void After_dispose_the_fast_slots_instance_given_back_is_disposed()
    {
        var pool = Pool(PoolType.Lazy, 2);
        var worker = pool.Rent(default);
        pool.Return(worker, keep: true);
        Assert.Same(worker, pool.Rent(default)); // out of the fast slot, which gets it back with a plain store
        pool.Dispose();
        pool.Return(worker, keep: true);
        Assert.Equal((1, 0), (worker.Disposals, pool.Idle));
    }

    [Fact]
    public void A_fast_slot_instance_dropped_after_a_failed_call_leaves_the_slot_to_the_next_instance()
    {
        using var pool = Pool(PoolType.Lazy, 2);
        var first = pool.Rent(default);
        pool.Return(first, keep: true);
        Assert.Same(first, pool.Rent(default));
        pool.Return(first, keep: false); // the call failed: disposed, its place freed
        Assert.Equal((1, 0, 0), (first.Disposals, pool.Busy, pool.Idle));
        var second = pool.Rent(default);
        Assert.NotSame(first, second);
        pool.Return(second, keep: true);
        Assert.Same(second, pool.Rent(default)); // the fast slot serves the new instance
        pool.Return(second, keep: true);
        Assert.Equal((2, 0, 1), (_created, pool.Busy, pool.Idle));
    }

    [Fact]
    public void A_replaced_fast_slot_instance_leaves_the_slot_to_its_replacement()
    {
        using var pool = Pool(PoolType.Lazy, 1);
        var first = pool.Rent(default);
        pool.Return(first, keep: true);
        Assert.Same(first, pool.Rent(default));
        pool.Replacing(first); // as a call whose variables changed: disposed, another made in its place
        first.Dispose();
        var replacement = new Worker();
        pool.Return(replacement, keep: true);
        Assert.Same(replacement, pool.Rent(default));
        pool.Return(replacement, keep: true);
        Assert.Equal((0, 1), (pool.Busy, pool.Idle));
    }

    [Fact]
    public async Task A_caller_starting_to_wait_while_the_fast_instance_comes_back_is_never_left_waiting()
    {
        // One instance, two callers: every give-back of the fast slot's instance (a plain store) races with the other
        // caller joining the queue. A lost hand-off would leave a caller waiting for ever beside an idle instance.
        using var pool = Pool(PoolType.Lazy, 1);
        var calls = 0;
        var callers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var worker = pool.Rent(default);
                Interlocked.Increment(ref calls);
                pool.Return(worker, keep: true);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        var all = Task.WhenAll(callers);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120))));
        await all;
        Assert.Equal((40_000, 1, 0, 1), (calls, _created, pool.Busy, pool.Idle));
    }

    [Fact]
    public void An_inline_pool_makes_a_new_instance_per_call_and_keeps_none()
    {
        using var pool = Pool(PoolType.Inline, 1);
        var first = pool.Rent(default);
        Assert.Equal(1, pool.Busy);
        pool.Return(first, keep: true);
        var second = pool.Rent(default);
        Assert.NotSame(first, second);
        Assert.Equal((1, 0), (first.Disposals, pool.Idle));
        pool.Return(second, keep: true);
        Assert.Equal(0, pool.Busy);
    }
}
