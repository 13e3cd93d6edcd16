using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wippy.Host.Hosting;
using Wippy.Host.Tests.Support;
using Wippy.Host.Triggers;

namespace Wippy.Host.Tests.Hosting;

/// <summary>
/// Serving triggers registered with <c>AddWippyTrigger</c>: the hosted service runs them once every entry has loaded,
/// a failing one is logged without stopping the others, and stopping the host stops them before it drains calls.
/// </summary>
public sealed class TriggerTests
{
    private const string HostedServiceLogs = "Wippy.Host.Hosting.WippyHostedService";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Calls <c>abi:echo_s32</c> once through the kind-neutral handle, then serves until stopped.</summary>
    private sealed class EchoOnceTrigger(CapturedLogs logs) : IWippyTrigger
    {
        public readonly TaskCompletionSource<int> Echoed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool StartedAfterLoad;

        public string Name => "echo-once";

        public async Task RunAsync(WippyRuntime runtime, CancellationToken stop)
        {
            StartedAfterLoad = logs.Messages(HostedServiceLogs, 8).Count == 1; // "Wippy started: …" comes after every entry loaded
            Echoed.SetResult(new Abi.AbiFunctions(runtime).EchoS32(41) + 1);
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            finally
            {
                Stopped.SetResult();
            }
        }
    }

    private sealed class FailingTrigger : IWippyTrigger
    {
        public string Name => "failing";

        public Task RunAsync(WippyRuntime runtime, CancellationToken stop) => throw new InvalidOperationException("no port to listen on");
    }

    private static ServiceProvider Build(CapturedLogs logs, Action<IServiceCollection> triggers)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddWippy(options => { options.RegistryRoot = RepoPaths.TestRegistry; options.CacheDirectory = null; });
        services.AddWippyRegistry();
        triggers(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_trigger_runs_after_every_entry_loaded_and_is_stopped_with_the_host()
    {
        var logs = new CapturedLogs();
        using var provider = Build(logs, s => s.AddWippyTrigger<EchoOnceTrigger>().AddSingleton(logs));
        var trigger = (EchoOnceTrigger)provider.GetRequiredService<IWippyTrigger>();
        var hosted = provider.GetServices<IHostedService>().OfType<WippyHostedService>().Single();

        await hosted.StartAsync(CancellationToken.None);
        Assert.Equal(42, await trigger.Echoed.Task.WaitAsync(Deadline));
        Assert.True(trigger.StartedAfterLoad);
        Assert.Equal(["Trigger echo-once started"], logs.Messages(HostedServiceLogs, 15));
        Assert.False(trigger.Stopped.Task.IsCompleted);

        await hosted.StopAsync(CancellationToken.None);
        Assert.True(trigger.Stopped.Task.IsCompleted); // StopAsync returned only after the trigger did
        Assert.Empty(logs.Messages(HostedServiceLogs, 16));
    }

    [Fact]
    public async Task A_failing_trigger_is_logged_and_the_others_go_on()
    {
        var logs = new CapturedLogs();
        using var provider = Build(logs, s => s.AddWippyTrigger<FailingTrigger>().AddWippyTrigger<EchoOnceTrigger>().AddSingleton(logs));
        var echo = provider.GetServices<IWippyTrigger>().OfType<EchoOnceTrigger>().Single();
        var hosted = provider.GetServices<IHostedService>().OfType<WippyHostedService>().Single();

        await hosted.StartAsync(CancellationToken.None);
        Assert.Equal(42, await echo.Echoed.Task.WaitAsync(Deadline));
        var deadline = DateTime.UtcNow + Deadline;
        while (logs.Messages(HostedServiceLogs, 16).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(["Trigger failing failed: no port to listen on"], logs.Messages(HostedServiceLogs, 16));
        Assert.Equal(LogLevel.Error, logs.Events.Single(e => e.Id == 16).Level);

        await hosted.StopAsync(CancellationToken.None);
        Assert.True(echo.Stopped.Task.IsCompleted);
    }

    [Fact]
    public async Task A_host_without_triggers_starts_and_stops_as_before()
    {
        var logs = new CapturedLogs();
        using var provider = Build(logs, _ => { });
        var hosted = provider.GetServices<IHostedService>().OfType<WippyHostedService>().Single();

        await hosted.StartAsync(CancellationToken.None);
        await hosted.StopAsync(CancellationToken.None);
        Assert.Empty(logs.Messages(HostedServiceLogs, 15));
        Assert.Single(logs.Messages(HostedServiceLogs, 8));
    }
}
