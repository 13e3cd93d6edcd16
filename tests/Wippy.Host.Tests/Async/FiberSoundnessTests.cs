using System.Diagnostics;
using Wippy.FiberSoundness;
using Wippy.Host.Tests.EndToEnd;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Async;

/// <summary>
/// C# host functions on Wasmtime's fiber stacks: the scenarios of tests/programs/Wippy.FiberSoundness, run in this
/// process (JIT) one by one, and the program published with NativeAOT. A scenario that breaks the runtime crashes
/// the process, so these fail loudly rather than quietly.
/// </summary>
[Collection(NotInParallel.Name)]
public sealed class FiberSoundnessTests
{
    private static string FiberWasm => RepoPaths.Combine("tests", "guests", "components", "fiber", "fiber.wasm");

    [Fact]
    public async Task Ten_thousand_suspensions_resume_on_the_threads_that_complete_the_waits() =>
        Assert.StartsWith("10000 suspensions", await FiberScenarios.TenThousandSuspensionsAsync(FiberWasm));

    [Fact]
    public async Task A_call_polled_on_one_thread_then_others_completes() =>
        Assert.StartsWith("one call polled on 4 threads", await FiberScenarios.PolledOnOneThreadThenOthersAsync(FiberWasm));

    [Fact]
    public async Task Compacting_collections_inside_callbacks_keep_the_objects_of_frames_on_the_fiber() =>
        Assert.Contains("objects made on the fiber intact", await FiberScenarios.CollectionsInsideCallbacksAsync(FiberWasm));

    [Fact]
    public async Task Exceptions_inside_callbacks_are_caught_there_and_failures_end_only_their_call() =>
        Assert.StartsWith("600 exceptions caught", await FiberScenarios.ExceptionsInsideCallbacksAsync(FiberWasm));

    [Fact]
    public async Task Guest_recursion_to_the_stack_limit_with_callbacks_at_the_bottom_traps_cleanly() =>
        Assert.Contains("overflowed (StackOverflow trap)", await FiberScenarios.RecursionToTheStackLimitAsync(FiberWasm));

    [Fact]
    public async Task Futures_dropped_while_suspended_unwind_and_the_next_call_works() =>
        Assert.StartsWith("1,000 suspended calls dropped", await FiberScenarios.FuturesDroppedMidWaitAsync(FiberWasm));

    [Fact]
    public async Task Two_thousand_calls_suspended_at_once_all_resume_with_their_results() =>
        Assert.StartsWith("2000 calls suspended at once", await FiberScenarios.ManySuspendedAtOnceAsync(FiberWasm));

    [Fact]
    public async Task Ten_thousand_concurrent_sleeping_calls_all_complete_on_a_few_threads()
    {
        var report = await FiberScenarios.TenThousandSleepersAsync(FiberWasm);
        Assert.StartsWith("10000 concurrent calls sleeping 1 s each: all done", report);
        // The point of fibers: the sleepers hold no thread. The thread pool may grow a little, never towards 10,000.
        var threads = int.Parse(report.Split("at most ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(threads < 200, report);
    }

    [Fact]
    public async Task Fiber_stacks_lie_below_the_stack_of_a_thread_that_polls_them()
    {
        Assert.StartsWith("10000 suspensions", await FiberScenarios.TenThousandSuspensionsAsync(FiberWasm));
        var (start, size) = Wippy.Host.Native.FiberStacks.Region;
        Assert.NotEqual(0, start);
        Assert.True(BelowThisThreadsStack(start + (nint)size), $"region 0x{start:x}+0x{size:x} is not below this thread's stack");
        var other = 0;
        var thread = new Thread(() => other = BelowThisThreadsStack(start + (nint)size) ? 1 : -1);
        thread.Start();
        thread.Join();
        Assert.Equal(1, other);

        static unsafe bool BelowThisThreadsStack(nint end)
        {
            int local = 0;
            return (nint)(&local) > end;
        }
    }

    [AotFact]
    public async Task Every_scenario_passes_under_NativeAOT()
    {
        using var temp = new TempDirectory();
        var project = RepoPaths.Combine("tests", "programs", "Wippy.FiberSoundness", "Wippy.FiberSoundness.csproj");
        var (exit, output) = await RunAsync(Dotnet(), "publish", project, "-c", "Release", "-r",
            System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", temp.Path);
        Assert.True(exit == 0, "dotnet publish failed:\n" + output);
        Assert.DoesNotContain("warning IL", output);

        (exit, output) = await RunAsync(Path.Combine(temp.Path, "Wippy.FiberSoundness"), FiberWasm);
        Assert.True(exit == 0, "the published program failed:\n" + output);
        foreach (var (name, _) in FiberScenarios.All)
        {
            Assert.Contains($"ok {name}: ", output);
        }
    }

    private static string Dotnet() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static async Task<(int Exit, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
