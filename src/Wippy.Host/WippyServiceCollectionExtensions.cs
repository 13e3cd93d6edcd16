using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wippy.Host.Registry;

namespace Wippy.Host;

/// <summary>Registration of the Wippy runtime in a service collection (used by the generated <c>AddWippyRegistry()</c>).</summary>
public static class WippyServiceCollectionExtensions
{
    /// <summary>Registers <paramref name="manifest"/> and a singleton <see cref="WippyRuntime"/> serving it.</summary>
    public static IServiceCollection AddWippyRuntime(this IServiceCollection services, RegistryManifest manifest, Action<WippyRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(manifest);
        services.TryAddSingleton(manifest);
        services.TryAddSingleton(sp =>
        {
            // Implementations of the interfaces components import are resolved from the app's services.
            var options = new WippyRuntimeOptions
            {
                Services = sp,
                LoggerFactory = sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>(),
                Policy = sp.GetService<Wippy.Security.ICallPolicy>(),
            };
            // AddWippy's settings: configuration (section Wippy) first, then the app's own callbacks.
            if (sp.GetService<Microsoft.Extensions.Configuration.IConfiguration>() is { } configuration
                && sp.GetService<Hosting.WippyConfiguration>() is not null)
            {
                configuration.GetSection(Hosting.WippySettings.Section).Get<Hosting.WippySettings>()?.ApplyTo(options);
            }
            foreach (var callback in sp.GetServices<Hosting.WippyConfiguration>()) callback.Configure?.Invoke(options);
            configure?.Invoke(options);
            return new WippyRuntime(sp.GetRequiredService<RegistryManifest>(), options);
        });
        return services;
    }

    /// <summary>
    /// Wippy in a generic host (with the generated <c>services.AddWippyRegistry()</c>, which registers the registry):
    /// runtime settings read from configuration (section <c>Wippy</c>, see <see cref="Hosting.WippySettings"/>) then
    /// adjusted by <paramref name="configure"/>; the runtime started with the host (<see cref="Hosting.WippyHostedService"/>);
    /// and <see cref="Hosting.WippyHealthCheck"/> available to <c>AddHealthChecks().AddCheck&lt;WippyHealthCheck&gt;("wippy")</c>.
    /// </summary>
    public static IServiceCollection AddWippy(this IServiceCollection services, Action<WippyRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new Hosting.WippyConfiguration(configure));
        services.AddHostedService<Hosting.WippyHostedService>();
        services.TryAddSingleton<Hosting.WippyHealthCheck>();
        return services;
    }

    /// <summary>
    /// Registers a trigger that serves with the host (<see cref="Triggers.IWippyTrigger"/>: HTTP endpoints, processes…):
    /// the hosted service of <see cref="AddWippy"/> runs it once every entry has loaded and stops it first when the host
    /// stops.
    /// </summary>
    public static IServiceCollection AddWippyTrigger<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TTrigger>(this IServiceCollection services)
        where TTrigger : class, Triggers.IWippyTrigger
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<Triggers.IWippyTrigger, TTrigger>();
        return services;
    }
}
