namespace Wippy.Registry;

/// <summary>
/// The standard export a <c>function.wasm</c> with <c>transport: wasi-http</c> serves when it names no <c>method</c>:
/// <c>wasi:http/incoming-handler</c>'s <c>handle</c> (WASI 0.2.x), as Spin and <c>wasmtime serve</c> serve components.
/// </summary>
public static class HttpHandlerExport
{
    /// <summary>The method such an entry gets: the interface function, any 0.2.x version.</summary>
    public const string Method = "wasi:http/incoming-handler#handle";

    /// <summary>
    /// Whether <paramref name="key"/>, a component function's full name (<c>wasi:http/incoming-handler@0.2.0#handle</c>),
    /// is the standard handler at a version this runtime serves (unversioned or 0.2.x).
    /// </summary>
    public static bool IsHandle(string key) => Wasi02Export.Is(key, "wasi:http/incoming-handler", "handle");
}
