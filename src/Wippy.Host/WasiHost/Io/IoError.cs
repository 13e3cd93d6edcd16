using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Io;

/// <summary>
/// wasi:io/error: the <c>error</c> resource a stream's <c>last-operation-failed</c> carries, with its one method,
/// <c>to-debug-string</c>.
/// </summary>
internal static class IoErrorInterface
{
    /// <summary>The <c>error</c> resource type.</summary>
    public static HostResourceType ErrorType { get; } = new("wasi:io/error", "error");

    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:io/error", [ErrorType], new Dictionary<string, HostFunction>
    {
        ["[method]error.to-debug-string"] = (call, args, results) =>
            results[0] = GeneratedCode.ComponentVal.OwnedString(call.Borrow<IoError>(args[0], ErrorType).Message),
    });
}

/// <summary>
/// What a failed stream operation reports: a message for people, and the error of the interface the stream belongs to:
/// for a file's stream the wasi:filesystem <c>error-code</c> name (a string, which <c>filesystem-error-code</c> reads),
/// for an HTTP body's an <see cref="Http.HttpErrorCode"/> (which <c>http-error-code</c> reads).
/// </summary>
internal sealed class IoError(string message, object? code = null)
{
    /// <summary>The message.</summary>
    public string Message { get; } = message;

    /// <summary>The interface's own error, or null.</summary>
    public object? Code { get; } = code;
}
