namespace Wippy.Host;

/// <summary>
/// Whether the call being made on this thread is an HTTP request's (the wasi-http transport): a function with
/// <c>transport: wasi-http</c> takes the request body, so it may only be called by an HTTP endpoint; called any other
/// way (a proxy, Lua, the command line) it fails with Invalid. The HTTP server (package Wippy.Http) enters the scope
/// around the start of each request's call.
/// </summary>
internal static class HttpTransport
{
    /// <summary>The transport's name in the registry.</summary>
    public const string WasiHttp = "wasi-http";

    /// <summary>Whether an HTTP request's call is starting on this thread.</summary>
    public static bool InRequest => Execution.ThreadFlag<Tag>.IsSet;

    /// <summary>Marks the calls started on this thread as an HTTP request's until the scope is disposed.</summary>
    public static Execution.ThreadFlag<Tag>.Scope EnterRequest() => Execution.ThreadFlag<Tag>.Enter();

    /// <summary>The error of a wasi-http function called without a request.</summary>
    public static WippyException NeedsRequest(string entryId) =>
        new(ErrorKind.Invalid, entryId, "http request context not found: this function has transport: wasi-http and needs an HTTP request; call it through its http.endpoint");

    /// <summary>The flag's name.</summary>
    internal sealed class Tag;
}
