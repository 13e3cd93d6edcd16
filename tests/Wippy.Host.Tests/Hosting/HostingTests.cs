using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
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
