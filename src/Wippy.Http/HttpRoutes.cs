using Wippy.Host.Registry;

namespace Wippy.Http;

/// <summary>An endpoint as served: on which service, its method and its full route (the router's prefix + its path).</summary>
/// <param name="Service">The id of its <c>http.service</c>; <c>""</c>: the default service.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Pattern">The route, <c>{name}</c> segments as parameters (ASP.NET Core's own route syntax).</param>
/// <param name="Endpoint">The entry.</param>
internal sealed record HttpRoute(string Service, string Method, string Pattern, HttpEndpointDescriptor Endpoint)
{
    /// <summary>Every endpoint of <paramref name="manifest"/> with its service and route.</summary>
    public static IReadOnlyList<HttpRoute> All(RegistryManifest manifest)
    {
        var services = manifest.Entries.OfType<HttpServiceDescriptor>().ToList();
        // An endpoint or router that names no service belongs to the only one, or to the default one when there is none
        // (the build refuses the ambiguous case of several).
        var implicitService = services.Count == 1 ? services[0].Id : "";
        return manifest.Entries.OfType<HttpEndpointDescriptor>().Select(e =>
        {
            var router = e.Router is null ? null : manifest.Find(e.Router) as HttpRouterDescriptor;
            var service = router is null ? implicitService : router.Service.Length == 0 ? implicitService : router.Service;
            var pattern = Decoded((router?.Prefix ?? "") + e.Path);
            return new HttpRoute(service, e.Method, pattern.Length == 0 ? "/" : pattern, e);
        }).ToList();
    }

    /// <summary>
    /// The registry's path as ASP.NET Core routes it: literal segments percent-decoded (a registry writes a space as
    /// <c>%20</c>, while routing matches the decoded request path, so <c>/a%20b</c> must be routed as <c>/a b</c>); an
    /// encoded <c>/</c> stays encoded (requests keep theirs), and parameters are left alone.
    /// </summary>
    private static string Decoded(string path) =>
        path.Contains('%')
            ? string.Join('/', path.Split('/').Select(segment =>
                segment.StartsWith('{') || segment.Contains("%2F", StringComparison.OrdinalIgnoreCase) ? segment : Uri.UnescapeDataString(segment)))
            : path;

    /// <summary>The services to run: every <c>http.service</c>, and the default one when an endpoint is served on it.</summary>
    public static IReadOnlyList<string> Services(RegistryManifest manifest)
    {
        var declared = manifest.Entries.OfType<HttpServiceDescriptor>().Select(s => s.Id).ToList();
        if (All(manifest).Any(r => r.Service.Length == 0)) declared.Insert(0, "");
        return declared;
    }
}
