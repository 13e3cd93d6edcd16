using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wippy.Host;

namespace Wippy.Http;

/// <summary>Registration of the HTTP server in a Wippy app's services.</summary>
public static class WippyHttpServiceCollectionExtensions
{
    /// <summary>
    /// Serves the registry's HTTP endpoints while the app runs (<see cref="WippyHttpServer"/>, a trigger of
    /// <c>AddWippy</c>'s hosted service): <c>WippyApp.Run(args, manifest, services =&gt; services.AddWippyHttp())</c>.
    /// An ASP.NET Core app of its own maps them with <c>app.MapWippyEndpoints()</c> instead, and needs this only for
    /// <paramref name="configure"/>'s options (<c>services.Configure&lt;WippyHttpOptions&gt;</c> does the same).
    /// </summary>
    public static IServiceCollection AddWippyHttp(this IServiceCollection services, Action<WippyHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WippyHttpOptions>();
        // Configuration first (section Wippy:Http), then the app's own callback. Read by key, not bound by reflection.
        options.Configure<IServiceProvider>((o, provider) => FromConfiguration(o, provider.GetService<IConfiguration>()));
        if (configure is not null) options.Configure(configure);
        services.AddSingleton<WippyHttpServer>();
        services.AddSingleton<Host.Triggers.IWippyTrigger>(provider => provider.GetRequiredService<WippyHttpServer>());
        return services;
    }

    /// <summary>
    /// <c>Wippy:Http:Address</c>, <c>Wippy:Http:DefaultAddress</c> and <c>Wippy:Http:MaxRequestBodyBytes</c>
    /// (appsettings.json, <c>Wippy__Http__Address=…</c> in the environment, the command line).
    /// </summary>
    private static void FromConfiguration(WippyHttpOptions options, IConfiguration? configuration)
    {
        if (configuration is null) return;
        if (configuration["Wippy:Http:Address"] is { Length: > 0 } address) options.Address = address;
        if (configuration["Wippy:Http:DefaultAddress"] is { Length: > 0 } defaultAddress) options.DefaultAddress = defaultAddress;
        if (configuration["Wippy:Http:MaxRequestBodyBytes"] is { Length: > 0 } limit)
        {
            options.MaxRequestBodyBytes = long.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes)
                ? bytes
                : throw new FormatException($"Wippy:Http:MaxRequestBodyBytes is '{limit}', not a number of bytes");
        }
    }
}
