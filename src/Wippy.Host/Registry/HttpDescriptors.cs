namespace Wippy.Host.Registry;

/// <summary>
/// An <c>http.service</c> entry: an HTTP server the app runs. A registry with endpoints and no service gets a default
/// one on <c>:8080</c> (the runtime's, not an entry).
/// </summary>
/// <param name="id">The entry id.</param>
/// <param name="address"><c>addr</c> as written: <c>":8080"</c> (every interface) or <c>"127.0.0.1:8080"</c>.</param>
/// <param name="declaredAt">Where the entry is declared.</param>
public sealed class HttpServiceDescriptor(string id, string address, string declaredAt) : EntryDescriptor(id, "http.service", declaredAt)
{
    /// <summary><c>addr</c> as written: <c>":8080"</c> (every interface) or <c>"127.0.0.1:8080"</c>.</summary>
    public string Address { get; } = address;
}

/// <summary>An <c>http.router</c> entry: endpoints under a path prefix, on one service.</summary>
/// <param name="id">The entry id.</param>
/// <param name="prefix"><c>prefix</c>: a path starting with <c>/</c> (<c>/api</c>), or <c>""</c> for none.</param>
/// <param name="service">The id of the service it belongs to (<c>meta.server</c>, resolved by the build; the app's only service when the entry names none); <c>""</c>: the default service, when the registry declares none.</param>
/// <param name="declaredAt">Where the entry is declared.</param>
public sealed class HttpRouterDescriptor(string id, string prefix, string service, string declaredAt) : EntryDescriptor(id, "http.router", declaredAt)
{
    /// <summary>The path prefix of its endpoints: <c>/api</c>, or <c>""</c>.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>The id of the <c>http.service</c> it belongs to; <c>""</c>: the default service (the registry declares none).</summary>
    public string Service { get; } = service;
}

/// <summary>An <c>http.endpoint</c> entry: a method and path served by a function.</summary>
/// <param name="id">The entry id.</param>
/// <param name="method">The HTTP method, upper case (<c>POST</c>).</param>
/// <param name="path">The path under the router's prefix, starting with <c>/</c>; <c>{name}</c> segments are parameters.</param>
/// <param name="function">The id of the function that serves it (<c>func</c>, resolved by the build).</param>
/// <param name="router">The id of its <c>http.router</c> (<c>meta.router</c>), or null: the root of the app's only service.</param>
/// <param name="declaredAt">Where the entry is declared.</param>
public sealed class HttpEndpointDescriptor(string id, string method, string path, string function, string? router, string declaredAt)
    : EntryDescriptor(id, "http.endpoint", declaredAt)
{
    /// <summary>The HTTP method, upper case (<c>POST</c>).</summary>
    public string Method { get; } = method;

    /// <summary>The path under the router's prefix, starting with <c>/</c>; <c>{name}</c> segments are parameters.</summary>
    public string Path { get; } = path;

    /// <summary>The id of the function that serves it.</summary>
    public string Function { get; } = function;

    /// <summary>The id of its <c>http.router</c>, or null: the root of the app's only service (or of the default one).</summary>
    public string? Router { get; } = router;
}
