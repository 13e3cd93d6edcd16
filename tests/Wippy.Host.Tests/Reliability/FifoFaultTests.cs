using System.Diagnostics;
using Wippy.Host.Tests.Abi;
using Wippy.Host.Tests.Calc;
using Wippy.Host.Tests.Limits;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// A FIFO (named pipe) where a module file or a compiled-code cache file should be. Reading a FIFO that nobody writes
/// waits forever, so the runtime never opens anything but a regular file there: a module FIFO fails its entries with
/// "is not a regular file", a cache FIFO costs a compile (and is replaced by the file). Each load runs under a deadline
/// far beyond what it needs, and the test fails, rather than hangs, if the load still waits; the FIFO's readers are
/// then let go so that no thread stays blocked.
/// </summary>
public sealed class FifoFaultTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly CopiedGuests _guests = new();

    public void Dispose() => _guests.Dispose();

    /// <summary>Runs <paramref name="call"/> on its own thread; fails the test if it has not finished within <see cref="Deadline"/>.</summary>
    private T Within<T>(string fifo, Func<T> call)
    {
        var started = Stopwatch.GetTimestamp();
        var task = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var finished = ((IAsyncResult)task).AsyncWaitHandle.WaitOne(Deadline);
        output.WriteLine($"finished: {finished}, after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
        if (!finished)
        {
            UnixFaults.ReleaseFifoReaders(fifo); // the blocked reader sees end of file, so its thread ends
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(Deadline); // (before the test's folders are deleted under it)
            Assert.Fail($"the load was still waiting on the FIFO {fifo} after {Deadline.TotalSeconds:0} s");
        }
        return task.GetAwaiter().GetResult();
    }

    [Fact]
    public void A_fifo_in_place_of_a_module_fails_its_entries_at_once_and_the_host_serves_on()
    {
        File.Delete(_guests.AbiModule);
        UnixFaults.MakeFifo(_guests.AbiModule);
        using var runtime = _guests.Runtime(null, "abi", "calc", "limits");

        for (var i = 0; i < 2; i++)
        {
            var error = Assert.Throws<WippyException>(() => Within(_guests.AbiModule, () => new AbiFunctions(runtime).EchoBool(true)));
            Assert.Equal(ErrorKind.Unavailable, error.Kind);
            Assert.Equal("abi:echo_bool", error.EntryId);
            Assert.Equal($"abi:echo_bool: the entry failed to load: the module '/abi.wasm' in 'abi:guests' is not a regular file but a FIFO ({_guests.AbiModule})", error.Message);
        }
        Assert.Equal(1, new LimitsFunctions(runtime).GrowCapped(0));
        Assert.Equal(6L, new CalcFunctions(runtime).SumList([1, 2, 3]));
    }

    [Fact]
    public void A_fifo_in_place_of_a_component_fails_its_entries_at_once()
    {
        File.Delete(_guests.CalcComponent);
        UnixFaults.MakeFifo(_guests.CalcComponent);
        using var runtime = _guests.Runtime(null, "abi", "calc");

        var error = Assert.Throws<WippyException>(() => Within(_guests.CalcComponent, () => new CalcFunctions(runtime).SumList([1])));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("calc:sum_list: the entry failed to load: the module '/calc.wasm' in 'calc:calc_guest' is not a regular file but a FIFO", error.Message);
        Assert.True(new AbiFunctions(runtime).EchoBool(true));
    }

    [Fact]
    public void A_fifo_in_place_of_a_cache_file_costs_a_compile_and_is_replaced_by_the_file()
    {
        using var cache = new TempDirectory();
        using (var first = _guests.Runtime(cache.Path, "abi"))
        {
            Assert.True(new AbiFunctions(first).EchoBool(true));
        }
        var file = Assert.Single(CacheFiles.Of(cache.Path, CacheFiles.AbiModule));
        File.Delete(file);
        UnixFaults.MakeFifo(file);

        using var runtime = _guests.Runtime(cache.Path, "abi");
        Within(file, () => runtime.GetFunction("abi:echo_bool")); // loads this one entry (a proxy loads its whole namespace)
        Assert.Equal("not a regular file", runtime.Cache!.LastOutcome);
        Assert.True(new AbiFunctions(runtime).EchoBool(true));
        Assert.True(CacheFiles.Intact(file)); // compiled, and written over the FIFO: a regular file again
        Assert.Empty(CacheFiles.Leftovers(cache.Path));
    }
}
