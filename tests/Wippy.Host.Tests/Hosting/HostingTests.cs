using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wippy.Host.Hosting;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Hosting;

/// <summary>AddWippy in a service collection: settings from configuration, the hosted service, the health check.</summary>
public sealed class HostingTests : IDisposable
{
    /// <summary>host.add of the pools guest: a call of pools:lazy2 stays in flight until the test lets it go.</summary>
    private readonly GateHost _gate = new();

    public void Dispose() => _gate.Release(1000);

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<WippyRuntimeOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWippy(configure);
        services.AddWippyRegistry(); // generated: the test registry, the runtime and the typed proxies
        return services.BuildServiceProvider();
    }

    /// <summary>The log category of the hosted service's events.</summary>
    private const string HostedServiceLogs = "Wippy.Host.Hosting.WippyHostedService";

    /// <summary>The test registry with logs captured (<paramref name="logs"/> gets the hosted service's events) and host.add held by the gate.</summary>
    private ServiceProvider BuildWithLogs(CapturedLogs logs)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddSingleton<Pools.IHost>(_gate);
        services.AddWippy(options => { options.RegistryRoot = RepoPaths.TestRegistry; options.CacheDirectory = null; });
        services.AddWippyRegistry();
        return services.BuildServiceProvider();
    }

    /// <summary>Runs a (blocking) call on a thread of its own, so the thread pool stays free for the test's own waits.</summary>
    private static Task<T> OnOwnThread<T>(Func<T> call) =>
        Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Calls pools:lazy2(1) on a thread of its own and waits until the call is held inside the guest (in flight); it returns 4 once let go.</summary>
    private async Task<Task<int>> HeldCall(WippyRuntime runtime)
    {
        var pools = new Pools.PoolsFunctions(runtime);
        var call = OnOwnThread(() => pools.Lazy2(1));
        await Eventually.TrueAsync(() => runtime.CallsInFlight == 1 && Volatile.Read(ref _gate.Entered) == 1, "the call held inside the guest");
        return call;
    }

    [Fact]
    public async Task Stopping_the_host_waits_for_the_calls_in_flight_to_finish()
    {
        var logs = new CapturedLogs();
        using var provider = BuildWithLogs(logs);
        var runtime = provider.GetRequiredService<WippyRuntime>();
        var hosted = provider.GetServices<IHostedService>().OfType<WippyHostedService>().Single();
        await hosted.StopAsync(CancellationToken.None); // nothing in flight: returns at once, logs nothing
        Assert.Empty(logs.Messages(HostedServiceLogs, 12));

        var call = await HeldCall(runtime);
        var stopping = hosted.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted); // the call is held in the guest: stopping waits for it
        _gate.Release(1);
        await stopping.WaitAsync(Eventually.Deadline);

        Assert.Equal(0, runtime.CallsInFlight); // the call had finished (given its worker back) when StopAsync returned
        Assert.Equal(4, await call); // and was not cut short: (1 + 1) * 2
        Assert.Equal(["Wippy stopping: waiting for 1 call(s) in flight to finish"], logs.Messages(HostedServiceLogs, 12));
        Assert.Single(logs.Messages(HostedServiceLogs, 13));
    }

    [Fact]
    public async Task Stopping_the_host_stops_every_process_within_its_shutdown_timeout()
    {
        var logs = new CapturedLogs();
        using var provider = BuildWithLogs(logs);
        var runtime = provider.GetRequiredService<WippyRuntime>();
        var hosted = provider.GetServices<IHostedService>().OfType<WippyHostedService>().Single();
        var processes = new Processes.ProcessesFunctions(runtime);
        var counter = processes.SpawnCounter();   // waits in receive: its mailbox closing lets it return
        var spin = processes.SpawnSpinForever();  // never waits: only the end of the timeout ends it
        await Eventually.TrueAsync(() => runtime.CallsInFlight == 2, "both processes to run");

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await hosted.StopAsync(timeout.Token).WaitAsync(Eventually.Deadline);

        Assert.True(counter.Exit.IsCompleted && spin.Exit.IsCompleted); // StopAsync returned after both ended
        Assert.Null((await counter.Exit).Error);
        Assert.Equal(ErrorKind.Unavailable, (await spin.Exit).Error?.Kind);
        Assert.Contains("the runtime stopped", (await spin.Exit).Error!.Message);
        Assert.Equal(0, runtime.Processes.Count);
        Assert.Equal(ErrorKind.Unavailable, Assert.Throws<WippyException>(() => processes.SpawnCounter()).Kind);
    }

    [Fact]
    public async Task The_host_shutdown_timeout_ends_the_wait_and_says_how_many_calls_were_left()
    {
        var logs = new CapturedLogs();
        using var provider = BuildWithLogs(logs);
        var runtime = provider.GetRequiredService<WippyRuntime>();
        var hosted = provider.GetServices<IHostedService>().OfType<WippyHostedService>().Single();
        var call = await HeldCall(runtime);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        // The call stays held in the guest until after StopAsync returns: only the timeout can end the wait.
        await hosted.StopAsync(timeout.Token).WaitAsync(Eventually.Deadline);

        Assert.False(call.IsCompleted);
        Assert.Equal(1, runtime.CallsInFlight);
        Assert.Equal(["Wippy stopped before 1 call(s) finished: the host's shutdown timeout ended the wait; the calls still running were stopped and waiting callers fail with Unavailable"],
            logs.Messages(HostedServiceLogs, 14));
        _gate.Release(1);
        // Past the timeout the running call is stopped: it fails as soon as its guest runs again (here: when the import returns).
        Assert.Contains("the runtime stopped while the call ran", (await Assert.ThrowsAsync<WippyException>(() => call)).Message);
    }

    [Fact]
    public async Task Disposing_the_runtime_while_a_call_runs_stops_the_call_without_harm()
    {
        // After a shutdown timeout the provider disposes the runtime under running calls: the engine, pools and
        // instances must stay valid until the last call ends (Wasmtime's stores hold their engine, the ticker goes on),
        // and the call fails with Unavailable instead of running on. (This import ignores cancellation, so Dispose
        // waits its 5 s for the last store before returning.)
        var logs = new CapturedLogs();
        var provider = BuildWithLogs(logs);
        var runtime = provider.GetRequiredService<WippyRuntime>();
        var call = await HeldCall(runtime);
        var pools = new Pools.PoolsFunctions(runtime);

        provider.Dispose(); // while the call is held inside the guest
        _gate.Release(1);

        Assert.Equal(ErrorKind.Unavailable, (await Assert.ThrowsAsync<WippyException>(() => call)).Kind);
        var after = Assert.Throws<WippyException>(() => pools.Lazy2(1));
        Assert.Equal(ErrorKind.Unavailable, after.Kind);
        Assert.Equal("pools:lazy2", after.EntryId);
    }

    [Fact]
    public void Settings_come_from_configuration_then_from_the_callback()
    {
        using var temp = new TempDirectory();
        using var provider = Build(new()
        {
            ["Wippy:RegistryRoot"] = RepoPaths.TestRegistry,
            ["Wippy:CacheDirectory"] = temp.Path,
            ["Wippy:IdleTimeoutSeconds"] = "5",
            ["Wippy:Pooling:TotalMemories"] = "16",
            ["Wippy:Pooling:TotalTables"] = "16",
            ["Wippy:Pooling:TotalCoreInstances"] = "16",
            ["Wippy:Pooling:TotalComponentInstances"] = "16",
            ["Wippy:Pooling:MaxMemoryBytes"] = "1048576",
        }, options => options.IdleTimeout = TimeSpan.FromSeconds(7));
        var runtime = provider.GetRequiredService<WippyRuntime>();
        Assert.True(runtime.UsesPoolingAllocator); // from configuration
        Assert.Equal(1, new Limits.LimitsFunctions(runtime).GrowCapped(0)); // registry root from configuration
        Assert.NotEmpty(Directory.GetFiles(temp.Path, "*.cwasm")); // cache directory from configuration
    }

    [Fact]
    public async Task The_hosted_service_loads_every_entry_and_the_health_check_names_the_broken_ones()
    {
        using var provider = Build(new() { ["Wippy:RegistryRoot"] = RepoPaths.TestRegistry, ["Wippy:CacheDirectory"] = "" });
        var hosted = provider.GetServices<IHostedService>().OfType<WippyHostedService>().Single();
        await hosted.StartAsync(CancellationToken.None);

        var check = provider.GetRequiredService<WippyHealthCheck>();
        var registration = new HealthCheckRegistration("wippy", check, HealthStatus.Unhealthy, null);
        var result = await check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
        // The test registry has three entries made not to load: a mount without a directory, two broken Lua sources.
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("3 of ", result.Description);
        Assert.EndsWith("failed to load: luatest:broken, luatest:no_such_method, sandbox:mounts_nowhere", result.Description);
        Assert.Equal(3, result.Data.Count);
        Assert.Contains("wasi.mounts", (string)result.Data["sandbox:mounts_nowhere"]);
        await hosted.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_registry_that_loads_is_healthy()
    {
        var services = new ServiceCollection();
        services.AddWippy(options => { options.RegistryRoot = RepoPaths.SampleRegistry; options.CacheDirectory = null; });
        Wippy.Samples.Registry.WippyRegistry.AddWippyRegistry(services);
        using var provider = services.BuildServiceProvider();
        var check = provider.GetRequiredService<WippyHealthCheck>();
        var result = await check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("wippy", check, HealthStatus.Unhealthy, null) });
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("17 function entries loaded", result.Description);
    }
}
