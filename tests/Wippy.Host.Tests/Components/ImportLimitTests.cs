using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Registry;
using Wippy.Host.Tests.Imports;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// A C# import implementation that waits is stopped with its call: <see cref="ImportCancellation.Token"/> is cancelled
/// at the call's time limit or when its caller cancels, and the call fails with Timeout (imports:run and
/// imports:run_limited, whose guest calls test:minimal/host#add).
/// </summary>
public sealed class ImportLimitTests : IDisposable
{
    private sealed class Waiting : IMinimalHost
    {
        public volatile string Mode = "fast";

        /// <summary>The proxy "calls itself" calls back through.</summary>
        public ImportsFunctions? Nested;

        public int Add(int a, int b)
        {
            var token = ImportCancellation.Token;
            switch (Mode)
            {
                case "honours":
                    token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
                    token.ThrowIfCancellationRequested();
                    break;
                case "ignores":
                    Thread.Sleep(300);
                    break;
                case "calls itself":
                    return Nested!.RunLimited(a);
            }
            return a + b;
        }
    }

    private readonly Waiting _host = new();
    private readonly WippyRuntime _runtime;
    private readonly ImportsFunctions _imports;
    private readonly ITestOutputHelper _output;

    public ImportLimitTests(ITestOutputHelper output)
    {
        _output = output;
        var services = new ServiceCollection().AddSingleton<IMinimalHost>(_host).BuildServiceProvider();
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services });
        _imports = new ImportsFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public async Task An_import_calling_its_own_entry_on_a_full_static_pool_waits_no_longer_than_its_call_may_run()
    {
        // run_limited on a static pool of one worker, whose import calls run_limited again: the nested call waits for
        // the worker its own caller holds. Before, that wait had no bound (a deadlock past the 100 ms limit); now it is
        // bounded by the calling call's cancellation (ImportCancellation.Token), so the call fails at its limit.
        var manifest = Descriptors.Manifest("imports", "imports:run_limited",
            d => Descriptors.With(d, pool: new PoolSettings(PoolType.Static, 1, 1, 0, 1, false)));
        var services = new ServiceCollection().AddSingleton<IMinimalHost>(_host).BuildServiceProvider();
        using var runtime = new WippyRuntime(manifest, new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services });
        var imports = new ImportsFunctions(runtime);
        _host.Nested = imports;
        Assert.Equal(12, imports.RunLimited(5)); // JIT and a warm instance: not measured
        _host.Mode = "calls itself";
        var started = Stopwatch.GetTimestamp();
        var error = await Assert.ThrowsAsync<WippyException>(() => Task.Run(() => imports.RunLimited(5)).WaitAsync(Eventually.Deadline));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _output.WriteLine($"an import calling its own entry on a full static pool: {error.Kind} after {elapsed:0.0} ms: {error.Message}");
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal("imports:run_limited", error.EntryId);
        Assert.InRange(elapsed, 100, 2000);
        _host.Mode = "fast";
        Assert.Equal(12, imports.RunLimited(5)); // the worker came back
        Assert.Equal(0, runtime.GetFunction("imports:run_limited").Queued);
    }

    [Fact]
    public void Outside_an_import_there_is_no_call_to_cancel()
    {
        Assert.Equal(CancellationToken.None, ImportCancellation.Token);
    }

    [Fact]
    public void An_import_waiting_on_the_token_is_stopped_at_the_limit_and_the_entry_keeps_serving()
    {
        Assert.Equal(12, _imports.RunLimited(5)); // JIT and a warm instance: not measured
        _host.Mode = "honours";
        var started = Stopwatch.GetTimestamp();
        var error = Assert.Throws<WippyException>(() => _imports.RunLimited(5));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _output.WriteLine($"an import waiting 10 s under a 100 ms limit: {error.Kind} after {elapsed:0.0} ms");
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Contains("its limit of 100 ms (limits.max_execution_ms)", error.Message);
        Assert.InRange(elapsed, 100, 400);
        _host.Mode = "fast";
        Assert.Equal(12, _imports.RunLimited(5));
    }

    /// <summary>
    /// The async call runs on the instance the first call left warm (the async proxy's warm path, which arms the call with
    /// the caller's token), planned (imports:run) and through the component model (imports:run_cm).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cancelling_a_call_stops_an_import_waiting_on_the_token(bool componentModel)
    {
        Func<int, int> run = componentModel ? _imports.RunCm : _imports.Run;
        Func<int, CancellationToken, ValueTask<int>> runAsync = componentModel ? (x, t) => _imports.RunCmAsync(x, t) : (x, t) => _imports.RunAsync(x, t);
        var handle = _runtime.GetFunction(componentModel ? "imports:run_cm" : "imports:run");
        Assert.Equal(12, run(5));
        Assert.Equal(1, handle.Idle);
        _host.Mode = "honours";
        var started = Stopwatch.GetTimestamp();
        var cancelled = Assert.Throws<OperationCanceledException>(() =>
            CancelledAfter.Run(TimeSpan.FromMilliseconds(100), token => runAsync(5, token).AsTask().GetAwaiter().GetResult()));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var error = Assert.IsType<WippyException>(cancelled.InnerException);
        _output.WriteLine($"an import waiting 10 s, cancelled after 100 ms: {error.Kind} after {elapsed:0.0} ms");
        Assert.Equal(handle.Id, error.EntryId);
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Contains("cancelled by its caller", error.Message);
        Assert.InRange(elapsed, 100, 400);
    }

    [Fact]
    public void An_import_that_ignores_the_token_and_returns_late_still_fails_the_call_with_Timeout()
    {
        _host.Mode = "ignores";
        var error = Assert.Throws<WippyException>(() => _imports.RunLimited(5));
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        _host.Mode = "fast";
        Assert.Equal(12, _imports.RunLimited(5));
    }
}
