using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// The HTTP rules that need several entries (their references are checked by <see cref="RegistryValidator"/>): with
/// several services, every router names its own and every endpoint a router
/// (<see cref="RegistryDiagnosticIds.AmbiguousHttpService"/>); a router's prefix and its endpoint's path do not repeat a
/// parameter name (<see cref="RegistryDiagnosticIds.InvalidHttpPath"/>); no two endpoints serve the same method and
/// route on one service (<see cref="RegistryDiagnosticIds.DuplicateHttpRoute"/>); an endpoint's function is one that can
/// serve HTTP (<see cref="RegistryDiagnosticIds.EndpointCannotServeHttp"/>; its signature is the source generator's to
/// check).
/// </summary>
internal static class HttpRouteChecks
{
    /// <summary>Checks <paramref name="routing"/>'s routers and endpoints, in the order of its entries.</summary>
    public static void Check(HttpRouting routing, List<WippyDiagnostic> diagnostics)
    {
        if (routing.ImplicitService is null)
        {
            foreach (var router in routing.Routers.Where(r => r.Server is null))
            {
                diagnostics.Add(new WippyDiagnostic(
                    RegistryDiagnosticIds.AmbiguousHttpService,
                    $"{Label(router)}: the registry declares several http.service entries ({Services(routing)}), so this router must say which one serves it; add \"meta: {{ server: {routing.Services[0].Id} }}\" (one of them)",
                    router.Position));
            }
        }

        var first = new Dictionary<(string Service, string Method, string Route), HttpEndpointEntry>();
        foreach (var endpoint in routing.Endpoints)
        {
            if (endpoint.Router is null && routing.ImplicitService is null)
            {
                diagnostics.Add(new WippyDiagnostic(
                    RegistryDiagnosticIds.AmbiguousHttpService,
                    $"{Label(endpoint)}: the registry declares several http.service entries ({Services(routing)}), so an endpoint must be under a router that says which one serves it; add \"meta: {{ router: <an http.router> }}\" ({Routers(routing)})",
                    endpoint.Position));
            }

            if (endpoint.Func is { } func && routing.Find(func.Id) is { } function) CheckFunction(endpoint, func, function, diagnostics);
            if (endpoint.Method is null || endpoint.Path is null || routing.ServiceOf(endpoint) is not { } service) continue;
            var router = routing.RouterOf(endpoint);
            var prefix = router?.Prefix ?? "";
            if (RepeatedParameter(prefix, endpoint.Path) is { } repeated)
            {
                diagnostics.Add(new WippyDiagnostic(
                    RegistryDiagnosticIds.InvalidHttpPath,
                    $"{Label(endpoint)}: 'path' names the parameter {{{repeated}}}, which the prefix of its router '{router!.Id}' ('{prefix}') names already; rename it in this path, e.g. \"path: {endpoint.Path.Replace("{" + repeated + "}", "{" + repeated + "2}")}\"",
                    endpoint.PositionOf("path")));
                continue;
            }

            var key = (service, endpoint.Method, HttpPath.RouteKey(prefix, endpoint.Path));
            if (!first.TryGetValue(key, out var earlier))
            {
                first.Add(key, endpoint);
                continue;
            }

            diagnostics.Add(new WippyDiagnostic(
                RegistryDiagnosticIds.DuplicateHttpRoute,
                $"{Label(endpoint)}: {endpoint.Method} {prefix}{endpoint.Path} on {ServiceName(service)} is the same route as entry '{earlier.Id}' " +
                $"({earlier.Method} {routing.RouterOf(earlier)?.Prefix}{earlier.Path}, {earlier.FilePath}:{earlier.PositionOf("path").Line}): " +
                "parameter names and letter case do not tell routes apart; change this 'path' or 'method', or remove one of the endpoints",
                endpoint.PositionOf("path")));
        }
    }

    /// <summary>The kinds and transports that cannot serve HTTP; a function.lua and a wasi-http function are the generator's to check further.</summary>
    private static void CheckFunction(HttpEndpointEntry endpoint, EntryRef func, RegistryEntry function, List<WippyDiagnostic> diagnostics)
    {
        if (function is not FunctionEntry wasm) return; // a function.lua is warned by the generator; another kind is a wrong-kind reference
        if (wasm.IsProcess)
        {
            diagnostics.Add(new WippyDiagnostic(
                RegistryDiagnosticIds.EndpointCannotServeHttp,
                $"{Label(endpoint)}: 'func' names '{wasm.Id}', a process.wasm entry, which runs as a process and cannot serve HTTP; point 'func' at a function.wat or function.wasm entry with \"transport: wasi-http\"",
                func.Position));
        }
        else if (wasm.Transport != FunctionTransport.WasiHttp)
        {
            diagnostics.Add(new WippyDiagnostic(
                RegistryDiagnosticIds.EndpointCannotServeHttp,
                $"{Label(endpoint)}: 'func' names '{wasm.Id}' ({wasm.Kind}), a payload function, which cannot serve HTTP; add \"transport: wasi-http\" to '{wasm.Id}' ({wasm.FilePath}:{wasm.NamePosition.Line}): " +
                "its export is then called once per request, with the request body as its one string argument (with none when it takes no parameter)",
                func.Position));
        }
    }

    /// <summary>A parameter name of <paramref name="path"/> that <paramref name="prefix"/> has too (compared without regard to case), or null.</summary>
    private static string? RepeatedParameter(string prefix, string path)
    {
        var inPrefix = HttpPath.Parameters(prefix).ToList();
        return HttpPath.Parameters(path).FirstOrDefault(p => inPrefix.Contains(p, StringComparer.OrdinalIgnoreCase));
    }

    private static string Label(RegistryEntry entry) => $"entry '{entry.Id}' ({entry.Kind})";

    private static string ServiceName(string service) => service.Length == 0 ? "the default service (:8080)" : $"the service '{service}'";

    private static string Services(HttpRouting routing) => string.Join(", ", routing.Services.Select(s => s.Id));

    private static string Routers(HttpRouting routing)
    {
        var routers = routing.Routers.Select(r => routing.ServiceOf(r) is { } service ? $"{r.Id} on {service}" : r.Id).ToList();
        return routers.Count == 0
            ? "the registry has no router: add an http.router entry with \"meta: { server: <an http.service> }\" and name it"
            : "the routers are: " + string.Join(", ", routers);
    }
}
