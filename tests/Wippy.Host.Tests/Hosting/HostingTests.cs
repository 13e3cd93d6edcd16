using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wippy.Host.Hosting;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Hosting;

/// <summary>AddWippy in a service collection: settings from configuration, the hosted service, the health check.</summary>
public sealed class HostingTests
{
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

    /// <summary>The test registry with logs captured; <paramref name="logs"/> gets the hosted service's events.</summary>
    private static ServiceProvider BuildWithLogs(CapturedLogs logs)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddWippy(options => { options.RegistryRoot = RepoPaths.TestRegistry; options.CacheDirectory = null; });
        services.AddWippyRegistry();
        return services.BuildServiceProvider();
    }

    /// <summary>Runs a (blocking) call on a thread of its own, so the thread pool stays free for the test's own waits.</summary>
    private static Task<T> OnOwnThread<T>(Func<T> call) =>
        Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static async Task WaitForCallsInFlight(WippyRuntime runtime, int count)
    {
        for (var i = 0; i < 500 && runtime.CallsInFlight != count; i++) await Task.Delay(10);
        Assert.Equal(count, runtime.CallsInFlight);
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

        var call = OnOwnThread(() => new Sandbox.SandboxFunctions(runtime).SleepMs(300));
        await WaitForCallsInFlight(runtime, 1);
        await hosted.StopAsync(CancellationToken.None);

        Assert.True(call.IsCompletedSuccessfully); // finished before StopAsync returned, and was not cut short
        Assert.InRange(await call, 300UL, 10_000UL);
        Assert.Equal(0, runtime.CallsInFlight);
        Assert.Equal(["Wippy stopping: waiting for 1 call(s) in flight to finish"], logs.Messages(HostedServiceLogs, 12));
        Assert.Single(logs.Messages(HostedServiceLogs, 13));
    }

    [Fact]
    public async Task The_host_shutdown_timeout_ends_the_wait_and_says_how_many_calls_were_left()
    {
        var logs = new CapturedLogs();
        using var provider = BuildWithLogs(logs);
        var runtime = provider.GetRequiredService<WippyRuntime>();
        var hosted = provider.GetServices<IHostedService>().OfType<WippyHostedService>().Single();
        var call = OnOwnThread(() => new Sandbox.SandboxFunctions(runtime).SleepMs(1500));
        await WaitForCallsInFlight(runtime, 1);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var stop = System.Diagnostics.Stopwatch.StartNew();
        await hosted.StopAsync(timeout.Token);
        stop.Stop();

        Assert.False(call.IsCompleted);
        Assert.True(stop.ElapsedMilliseconds < 1200, $"StopAsync took {stop.ElapsedMilliseconds} ms");
        Assert.Equal(["Wippy stopped before 1 call(s) finished: the host's shutdown timeout ended the wait; waiting callers fail with Unavailable"],
            logs.Messages(HostedServiceLogs, 14));
        Assert.InRange(await call, 1500UL, 10_000UL); // the call itself still completes
    }

    [Fact]
    public async Task Disposing_the_runtime_while_a_call_runs_lets_the_call_end_without_harm()
    {
        // After a shutdown timeout the provider disposes the runtime under running calls: the engine, pools and
        // instances must stay usable until the last call ends (Wasmtime's stores hold their engine).
        var logs = new CapturedLogs();
        var provider = BuildWithLogs(logs);
        var runtime = provider.GetRequiredService<WippyRuntime>();
        var sandbox = new Sandbox.SandboxFunctions(runtime);
        var call = OnOwnThread(() => sandbox.SleepMs(300));
        await WaitForCallsInFlight(runtime, 1);

        provider.Dispose();

        Assert.InRange(await call, 300UL, 10_000UL);
        var after = Assert.Throws<WippyException>(() => sandbox.SleepMs(1));
        Assert.Equal(ErrorKind.Unavailable, after.Kind);
        Assert.Equal("sandbox:sleep_ms", after.EntryId);
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
        Assert.Equal("10 function entries loaded", result.Description);
    }
}
