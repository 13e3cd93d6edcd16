using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wippy.Host;
using Wippy.Host.Registry;

namespace Wippy.Http;

/// <summary>Maps the registry's <c>http.endpoint</c> entries into an ASP.NET Core app.</summary>
public static class WippyHttpEndpoints
{
    /// <summary>
    /// Maps the registry's endpoints (all of them, or those of the <c>http.service</c> <paramref name="service"/>) as
    /// routes of this app, beside its own routes and behind its middleware: each request calls the endpoint's function
    /// as the request's authenticated user (or an anonymous caller), checked by the runtime's call policy. Needs the
    /// runtime in the app's services (<c>services.AddWippy()</c> with the generated <c>AddWippyRegistry()</c>).
    /// Returns the group of the routes, for conventions such as <c>.RequireAuthorization()</c>.
    /// </summary>
    public static RouteGroupBuilder MapWippyEndpoints(this IEndpointRouteBuilder endpoints, string? service = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var runtime = endpoints.ServiceProvider.GetRequiredService<WippyRuntime>();
        var options = endpoints.ServiceProvider.GetService<IOptions<WippyHttpOptions>>()?.Value ?? new WippyHttpOptions();
        return Map(endpoints, runtime, options, service);
    }

    /// <summary>Maps the endpoints of <paramref name="service"/> (null: all) of <paramref name="runtime"/>'s registry.</summary>
    internal static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, WippyRuntime runtime, WippyHttpOptions options, string? service)
    {
        var group = endpoints.MapGroup("");
        foreach (var route in HttpRoute.All(runtime.Manifest))
        {
            if (service is not null && route.Service != service) continue;
            group.MapMethods(route.Pattern, [route.Method], Handler(runtime, options, route.Endpoint))
                .WithDisplayName($"{route.Endpoint.Id} ({route.Method} {route.Pattern})");
        }
        return group;
    }

    private static RequestDelegate Handler(WippyRuntime runtime, WippyHttpOptions options, HttpEndpointDescriptor endpoint)
    {
        var function = runtime.GetFunction(endpoint.Function);
        if (function is WasmFunctionHandle { Descriptor.IncomingHandler: true } handler)
        {
            return new IncomingHandlerEndpoint(handler).HandleAsync;
        }
        if (function.Descriptor is FunctionDescriptor { Transport: "wasi-http" })
        {
            return new WasiHttpTransport(function, options).HandleAsync;
        }
        if (function.Descriptor is LuaFunctionDescriptor)
        {
            return new LuaHttpHandler(function, options).HandleAsync;
        }
        var reason = $"'{endpoint.Function}' cannot serve HTTP: give it transport: wasi-http";
        return http => HttpErrors.WriteAsync(http.Response, StatusCodes.Status501NotImplemented, nameof(ErrorKind.Unavailable), $"{endpoint.Id}: {reason}");
    }
}
