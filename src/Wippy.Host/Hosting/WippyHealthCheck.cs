using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Wippy.Host.Hosting;

/// <summary>
/// Healthy when every function entry loaded; otherwise Unhealthy, listing the entries that did not with their reasons
/// (in the description and as data: entry id → reason). Register it with
/// <c>services.AddHealthChecks().AddCheck&lt;WippyHealthCheck&gt;("wippy")</c>.
/// </summary>
public sealed class WippyHealthCheck(WippyRuntime runtime) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var entries = Loading.EntryLoading.LoadAll(runtime);
        var failed = entries.Where(e => !e.Loaded).ToList();
        if (failed.Count == 0) return Task.FromResult(HealthCheckResult.Healthy($"{entries.Count} function entries loaded"));
        var data = failed.ToDictionary(e => e.Id, e => (object)(e.Error ?? "failed to load"));
        return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
            $"{failed.Count} of {entries.Count} function entries failed to load: {string.Join(", ", failed.Select(e => e.Id))}", data: data));
    }
}
