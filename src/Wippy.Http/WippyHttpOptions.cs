namespace Wippy.Http;

/// <summary>How the registry's HTTP endpoints are served (<c>services.AddWippyHttp(options =&gt; …)</c>).</summary>
public sealed class WippyHttpOptions
{
    /// <summary>
    /// The most bytes of request body a transport endpoint or a Lua handler reads (10 MiB by default); a larger body is refused with
    /// 413 before the function runs, and the server goes on serving.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Where the default service listens: the one the registry's endpoints are served on when it declares no
    /// <c>http.service</c> (<c>":8080"</c>, every interface, by default; <c>"127.0.0.1:8080"</c> for this machine only).
    /// </summary>
    public string DefaultAddress { get; set; } = ":8080";

    /// <summary>
    /// Addresses to listen on instead of the ones the registry declares, by <c>http.service</c> id (the default
    /// service's id is <c>""</c>): for tests and for deployments that move a service (<c>"127.0.0.1:0"</c> takes a
    /// free port; <see cref="WippyHttpServer.Addresses"/> says which).
    /// </summary>
    public IDictionary<string, string> AddressOverrides { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// An address every service listens on instead of its own (configuration <c>Wippy:Http:Address</c>, e.g. the
    /// environment's <c>Wippy__Http__Address=127.0.0.1:0</c>): port 0 gives each service a free port of its own, as
    /// tests want; a fixed port suits an app with one service. <see cref="AddressOverrides"/> win over it.
    /// </summary>
    public string? Address { get; set; }
}
