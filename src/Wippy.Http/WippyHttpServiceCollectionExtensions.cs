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
        if (configure is not null) options.Configure(configure);
        services.AddSingleton<WippyHttpServer>();
        services.AddSingleton<Host.Triggers.IWippyTrigger>(provider => provider.GetRequiredService<WippyHttpServer>());
        return services;
    }
}
