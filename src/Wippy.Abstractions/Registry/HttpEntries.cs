namespace Wippy.Registry;

/// <summary>An <c>http.service</c> entry (docs/registry.md#httpservice): an HTTP server the app runs, listening on <see cref="Address"/>.</summary>
public sealed class HttpServiceEntry : RegistryEntry
{
    /// <summary>
    /// <c>addr</c> as written: <c>":8080"</c> (every interface), <c>"127.0.0.1:8080"</c>, <c>"localhost:8080"</c> or
    /// <c>"[::1]:8080"</c>; <see langword="null"/> only when missing or invalid (an error was reported).
    /// </summary>
    public string? Address { get; init; }
}

/// <summary>An <c>http.router</c> entry (docs/registry.md#httprouter): endpoints under a path prefix, on one service.</summary>
public sealed class HttpRouterEntry : RegistryEntry
{
    /// <summary>
    /// <c>prefix</c> without its trailing <c>/</c> (<c>/api/</c> is <c>/api</c>): a path starting with <c>/</c>, or
    /// <c>""</c> when absent, <c>/</c> or invalid (an error was reported).
    /// </summary>
    public string Prefix { get; init; } = "";

    /// <summary><c>meta.server</c>: the <c>http.service</c> it belongs to, or <see langword="null"/> (the registry's only service, or the default one).</summary>
    public EntryRef? Server { get; init; }
}

/// <summary>An <c>http.endpoint</c> entry (docs/registry.md#httpendpoint): a method and a path served by a function.</summary>
public sealed class HttpEndpointEntry : RegistryEntry
{
    /// <summary><c>method</c> in upper case (<c>POST</c>); <see langword="null"/> only when missing or invalid (an error was reported).</summary>
    public string? Method { get; init; }

    /// <summary>
    /// <c>path</c> as written, starting with <c>/</c>, <c>{name}</c> segments being parameters; <see langword="null"/>
    /// only when missing or invalid (an error was reported).
    /// </summary>
    public string? Path { get; init; }

    /// <summary><c>func</c>: the function that serves it; <see langword="null"/> only when missing or malformed (an error was reported).</summary>
    public EntryRef? Func { get; init; }

    /// <summary><c>meta.router</c>: the <c>http.router</c> it is under, or <see langword="null"/> (the root of the registry's only service, or of the default one).</summary>
    public EntryRef? Router { get; init; }
}
