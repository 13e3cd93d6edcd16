namespace Wippy.Registry;

/// <summary>How a call's input and output are mapped to the export (docs/registry.md#transport).</summary>
public enum FunctionTransport
{
    /// <summary><c>payload</c> (default): the call's arguments become the export's parameters.</summary>
    Payload,
    /// <summary><c>wasi-http</c>: the function serves HTTP requests through an <c>http.endpoint</c> entry.</summary>
    WasiHttp,
}
