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
            configure?.Invoke(options);
            return new WippyRuntime(sp.GetRequiredService<RegistryManifest>(), options);
        });
        return services;
    }
}
