namespace Wippy.Registry;

/// <summary>
/// Which service each <c>http.router</c> and <c>http.endpoint</c> of a registry belongs to, as the runtime serves them
/// (docs/registry.md#routes-and-services): a router's service is its <c>meta.server</c>; without one, and for an endpoint without
/// <c>meta.router</c>, it is the registry's only <c>http.service</c>, or the runtime's default service (<c>""</c>) when
/// the registry declares none. With several services that is ambiguous (<see cref="ImplicitService"/> is null), which
/// <see cref="RegistryValidator"/> reports. The validator and the source generator both resolve through this class.
/// </summary>
public sealed class HttpRouting
{
    private readonly Dictionary<string, RegistryEntry> _byId;
    private readonly HashSet<string> _called;

    private HttpRouting(Dictionary<string, RegistryEntry> byId, List<RegistryEntry> ordered)
    {
        _byId = byId;
        Services = ordered.OfType<HttpServiceEntry>().OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        Routers = ordered.OfType<HttpRouterEntry>().ToList();
        Endpoints = ordered.OfType<HttpEndpointEntry>().ToList();
        _called = new HashSet<string>(Endpoints.Where(e => e.Func is not null).Select(e => e.Func!.Id), StringComparer.Ordinal);
        ImplicitService = Services.Count switch
        {
            0 => "",
            1 => Services[0].Id,
            _ => null,
        };
    }

    /// <summary>The routing of <paramref name="entries"/>, in which the first entry of each id counts (a second one is an error of its own).</summary>
    /// <param name="entries">Every entry of the registry, in the order its files are read.</param>
    public static HttpRouting Of(IEnumerable<RegistryEntry> entries)
    {
        var byId = new Dictionary<string, RegistryEntry>(StringComparer.Ordinal);
        var ordered = new List<RegistryEntry>();
        foreach (var entry in entries)
        {
            if (byId.ContainsKey(entry.Id)) continue;
            byId.Add(entry.Id, entry);
            ordered.Add(entry);
        }

        return new HttpRouting(byId, ordered);
    }

    /// <summary>The <c>http.service</c> entries, in id order.</summary>
    public IReadOnlyList<HttpServiceEntry> Services { get; }

    /// <summary>The <c>http.router</c> entries, in the order of <see cref="Of"/>'s entries.</summary>
    public IReadOnlyList<HttpRouterEntry> Routers { get; }

    /// <summary>The <c>http.endpoint</c> entries, in the order of <see cref="Of"/>'s entries.</summary>
    public IReadOnlyList<HttpEndpointEntry> Endpoints { get; }

    /// <summary>
    /// The service of a router without <c>meta.server</c> and of an endpoint without <c>meta.router</c>: the only
    /// <c>http.service</c>, <c>""</c> (the default service) when there is none, null when there are several.
    /// </summary>
    public string? ImplicitService { get; }

    /// <summary>The entry with <paramref name="id"/>, or null.</summary>
    public RegistryEntry? Find(string id) => _byId.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>The id of <paramref name="router"/>'s service (<c>""</c>: the default one), or null when its <c>meta.server</c> names no service or it is ambiguous.</summary>
    public string? ServiceOf(HttpRouterEntry router) =>
        router.Server is { } server ? (Find(server.Id) is HttpServiceEntry ? server.Id : null) : ImplicitService;

    /// <summary>The router <paramref name="endpoint"/>'s <c>meta.router</c> names, or null (none, or not a router).</summary>
    public HttpRouterEntry? RouterOf(HttpEndpointEntry endpoint) =>
        endpoint.Router is { } router ? Find(router.Id) as HttpRouterEntry : null;

    /// <summary>The id of <paramref name="endpoint"/>'s service (<c>""</c>: the default one), or null when its router or the service cannot be resolved.</summary>
    public string? ServiceOf(HttpEndpointEntry endpoint)
    {
        if (endpoint.Router is null) return ImplicitService;
        return RouterOf(endpoint) is { } router ? ServiceOf(router) : null;
    }

    /// <summary>Whether an endpoint's <c>func</c> names <paramref name="functionId"/>.</summary>
    public bool IsCalled(string functionId) => _called.Contains(functionId);
}
