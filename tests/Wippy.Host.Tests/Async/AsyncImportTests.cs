using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Tests.Imports;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Async;

/// <summary>
/// Imports implemented by awaiting C# (the generated <c>I…Async</c> interfaces): tests/guests/components/host-import's
/// <c>run(x) = host.add(x, 1) * 2</c> and imports' <c>greet</c>, with <c>add</c> and <c>lookup</c> returning
/// <c>ValueTask</c>s. While an operation is pending the guest is suspended on its fiber and holds no thread.
/// </summary>
[Collection(EndToEnd.NotInParallel.Name)]
public sealed class AsyncImportTests : IDisposable
{
    /// <summary>add after <see cref="Delay"/> ms (none: at once), or what <see cref="Add"/> says.</summary>
    private sealed class AwaitingMinimal : IMinimalHostAsync
    {
        public int Delay;
        public Func<int, int, CancellationToken, Task<int>>? Add;
        public int Calls;

        public async ValueTask<int> AddAsync(int a, int b, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            if (Add is not null) return await Add(a, b, cancellationToken);
            if (Delay > 0) await Task.Delay(Delay, cancellationToken);
            return a + b;
        }
    }

    private sealed class AwaitingImports : IImportsHostAsync
    {
        public readonly List<string> Seen = [];

        public async ValueTask LogAsync(Level lvl, string msg, CancellationToken cancellationToken)
        {
            await Task.Yield();
            lock (Seen) Seen.Add($"log {lvl} {msg}");
        }

        public async ValueTask<string?> LookupAsync(string key, CancellationToken cancellationToken)
        {
            await Task.Delay(20, cancellationToken);
            lock (Seen) Seen.Add("lookup " + key);
            return "Howdy";
        }

        public ValueTask<Pair[]> ScaleAsync(Pair[] itemsArg, uint factor, CancellationToken cancellationToken) =>
            new(itemsArg.Select(p => p with { Value = p.Value * factor }).ToArray());
    }

    private sealed class Immediate : IMinimalHost
    {
        public int Add(int a, int b) => a + b + 1000;
    }

    private readonly AwaitingMinimal _minimal = new();
    private readonly AwaitingImports _imports = new();
    private readonly WippyRuntime _runtime;
    private readonly ImportsFunctions _functions;

    public AsyncImportTests()
    {
        var services = new ServiceCollection()
            .AddSingleton<IMinimalHostAsync>(_minimal)
            .AddSingleton<IImportsHostAsync>(_imports)
            .BuildServiceProvider();
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services });
        _functions = new ImportsFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    /// <summary>Options of a runtime with the pooling allocator, on which guests never run on fibers.</summary>
    private static WippyRuntimeOptions Pooled(IServiceProvider services, Microsoft.Extensions.Logging.ILoggerFactory? logs = null) => new()
    {
        RegistryRoot = RepoPaths.TestRegistry,
        CacheDirectory = null,
        Services = services,
        LoggerFactory = logs,
        PoolingAllocator = new WasmPoolingAllocator { TotalMemories = 64, TotalTables = 64, TotalCoreInstances = 64, TotalComponentInstances = 64, MaxMemoryBytes = 1 << 20 },
    };

    [Fact]
    public async Task An_awaiting_implementation_serves_awaited_and_blocking_calls()
    {
        _minimal.Delay = 50;
        Assert.Equal(12, await _functions.RunAsync(5));
        Assert.Equal(12, _functions.Run(5)); // a synchronous caller blocks its own thread between the waits
        Assert.Equal(0, await _functions.RunAsync(int.MaxValue)); // (MaxValue + 1) * 2 wraps
        Assert.Equal("Howdy, Zoë 😀!", await _functions.GreetAsync("Zoë 😀"));
        Assert.Equal("Howdy, Ann!", _functions.Greet("Ann"));
        Assert.Equal(["lookup greeting", "log Info greeted Zoë 😀", "lookup greeting", "log Info greeted Ann"], _imports.Seen);
        Assert.Equal(3, _minimal.Calls);
    }

    [Theory]
    [InlineData("imports:run_inline")]        // through the component model
    [InlineData("imports:run_inline_direct")] // called directly (planned): its core call on a fiber
    public async Task Awaited_calls_waiting_on_an_import_hold_no_threads(string entry)
    {
        Func<int, ValueTask<int>> run = entry == "imports:run_inline" ? x => _functions.RunInlineAsync(x) : x => _functions.RunInlineDirectAsync(x);
        Assert.Equal(entry == "imports:run_inline", _runtime.GetWasmFunction(entry).Descriptor.CallsComponentModel);
        _minimal.Delay = 1000;
        Assert.Equal(12, await run(5));
        var threadsBefore = ProcessThreads.Count();
        var watch = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, 200).Select(i => run(i).AsTask()).ToArray();
        var all = Task.WhenAll(calls);
        var peakThreads = threadsBefore;
        while (!all.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            peakThreads = Math.Max(peakThreads, ProcessThreads.Count());
            await Task.WhenAny(all, Task.Delay(10));
        }
        var results = await all;
        for (var i = 0; i < results.Length; i++) Assert.Equal((i + 1) * 2, results[i]);
        // Each waits 1 s in its import: together they took 1.1 s (measured, both paths); with the import linked as a
        // blocking function (no fibers) the same calls took 200.6 s, one after another.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"200 calls each waiting 1 s in an import took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(peakThreads - threadsBefore < 30, $"threads grew from {threadsBefore} to {peakThreads}");
    }

    [Fact]
    public async Task A_planned_guest_calling_a_waiting_import_from_its_allocator_is_served_blocking_there()
    {
        // poke(s) = add(len(s), 1) suspends on its fiber; its cabi_realloc (called by the host to pass s, a synchronous
        // call) also calls add, which must block there: suspending it would make Wasmtime abort the process.
        Assert.False(_runtime.GetWasmFunction("imports:poke").Descriptor.CallsComponentModel);
        _minimal.Delay = 20;
        Assert.Equal(4, await _functions.PokeAsync("abc"));
        Assert.Equal(2, _minimal.Calls);
        Assert.Equal(6, _functions.Poke("hello"));
        Assert.Equal(4, _minimal.Calls);
        Assert.Equal(1, await _functions.PokeAsync("")); // an empty string needs no allocation
        Assert.Equal(5, _minimal.Calls);
    }

    [Fact]
    public async Task The_calls_limit_cancels_the_imports_token_and_fails_the_call_with_Timeout()
    {
        var tokenCancelled = new TaskCompletionSource();
        _minimal.Add = async (_, _, token) =>
        {
            token.Register(() => tokenCancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        };
        var watch = Stopwatch.StartNew();
        var awaited = await Assert.ThrowsAsync<WippyException>(async () => await _functions.RunLimitedAsync(1));
        Assert.Equal(ErrorKind.Timeout, awaited.Kind);
        Assert.Equal("imports:run_limited", awaited.EntryId);
        Assert.InRange(watch.ElapsedMilliseconds, 90, 5_000);
        await tokenCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var blocking = Assert.Throws<WippyException>(() => _functions.RunLimited(1));
        Assert.Equal(ErrorKind.Timeout, blocking.Kind);

        _minimal.Add = null;
        Assert.Equal(4, await _functions.RunLimitedAsync(1)); // the entry goes on serving
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_wait_and_reaches_the_import()
    {
        var seenCancelled = new TaskCompletionSource();
        _minimal.Add = async (_, _, token) =>
        {
            token.Register(() => seenCancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, CancellationToken.None); // ignores it: the call ends anyway
            return 0;
        };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _functions.RunAsync(1, cancel.Token));
        Assert.InRange(watch.ElapsedMilliseconds, 90, 5_000);
        await seenCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _minimal.Add = null;
        Assert.Equal(4, await _functions.RunAsync(1));
    }

    [Fact]
    public async Task An_operation_that_fails_fails_the_call_naming_the_import_and_the_entry_goes_on()
    {
        _minimal.Add = async (_, _, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("the database is down");
        };
        var afterAwait = await Assert.ThrowsAsync<WippyException>(async () => await _functions.RunAsync(1));
        Assert.Equal(ErrorKind.Internal, afterAwait.Kind);
        Assert.Equal("imports:run", afterAwait.EntryId);
        Assert.Contains("the import 'test:minimal/host#add' failed: InvalidOperationException: the database is down", afterAwait.Message);

        _minimal.Add = (_, _, _) => throw new ArgumentException("refused at once");
        var atOnce = await Assert.ThrowsAsync<WippyException>(async () => await _functions.RunAsync(1));
        Assert.Equal(ErrorKind.Internal, atOnce.Kind);
        Assert.Contains("refused at once", atOnce.Message);

        _minimal.Add = null;
        Assert.Equal(4, await _functions.RunAsync(1));
    }

    [Fact]
    public void A_directly_called_entry_whose_import_only_awaits_is_a_warning_at_load_only_without_fibers()
    {
        // On an engine with fibers the planned guest is suspended while it waits: nothing to say.
        var services = new ServiceCollection().AddSingleton<IMinimalHostAsync>(_minimal).BuildServiceProvider();
        using (var logs = new CapturedLogs())
        {
            using (var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services, LoggerFactory = logs }))
            {
                Assert.True(runtime.GetFunction("imports:run").IsLoaded);
            }
            Assert.Empty(logs.Messages("Wippy.Host", 18));
        }

        // With the pooling allocator guests never run on fibers: each wait of a planned guest holds its thread.
        using var pooled = new CapturedLogs();
        using (var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), Pooled(services, pooled)))
        {
            Assert.True(runtime.GetFunction("imports:run").IsLoaded);
        }
        var warnings = pooled.Messages("Wippy.Host", 18);
        var warning = Assert.Single(warnings, m => m.StartsWith("Entry imports:run:", StringComparison.Ordinal));
        Assert.Equal(
            "Entry imports:run: the app implements Wippy.Host.Tests.Imports.IMinimalHost only as Wippy.Host.Tests.Imports.IMinimalHostAsync, " +
            "and guests do not run on fibers on an engine with the pooling allocator: each wait of add holds the guest's thread; implement " +
            "Wippy.Host.Tests.Imports.IMinimalHost, or leave WippyRuntimeOptions.PoolingAllocator unset to suspend the guest while it waits", warning);
        Assert.DoesNotContain(warnings, m => m.StartsWith("Entry imports:run_cm", StringComparison.Ordinal)); // the component model path says nothing

        // With the synchronous implementation registered too, it is the one called: nothing to say.
        using var quiet = new CapturedLogs();
        var both = new ServiceCollection().AddSingleton<IMinimalHost>(new Immediate()).AddSingleton<IMinimalHostAsync>(_minimal).BuildServiceProvider();
        using (var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), Pooled(both, quiet)))
        {
            Assert.True(runtime.GetFunction("imports:run").IsLoaded);
        }
        Assert.Empty(quiet.Messages("Wippy.Host", 18));
    }

    [Fact]
    public async Task A_synchronous_implementation_wins_when_both_are_registered()
    {
        var services = new ServiceCollection()
            .AddSingleton<IMinimalHost>(new Immediate())
            .AddSingleton<IMinimalHostAsync>(_minimal)
            .BuildServiceProvider();
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services });
        Assert.Equal(2012, await new ImportsFunctions(runtime).RunAsync(5));
        Assert.Equal(0, _minimal.Calls);
    }

    [Fact]
    public async Task Without_fibers_an_awaiting_implementation_blocks_the_callers_thread_within_the_limit()
    {
        // The pooling allocator's fiber stacks are Wasmtime's, so guests on it never run on fibers: the wait blocks.
        var services = new ServiceCollection().AddSingleton<IMinimalHostAsync>(_minimal).BuildServiceProvider();
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), Pooled(services));
        Assert.True(runtime.UsesPoolingAllocator);
        var functions = new ImportsFunctions(runtime);
        _minimal.Delay = 50;
        Assert.Equal(12, functions.Run(5));
        Assert.Equal(12, await functions.RunAsync(5));
        _minimal.Delay = 60_000;
        var error = Assert.Throws<WippyException>(() => functions.RunLimited(1));
        Assert.Equal(ErrorKind.Timeout, error.Kind);
    }
}
