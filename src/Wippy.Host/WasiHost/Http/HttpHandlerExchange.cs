namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// One request served by a component that exports <c>wasi:http/incoming-handler</c>: the request as the server
/// received it (<see cref="Request"/>, which becomes the guest's <c>incoming-request</c>) and the answer the guest
/// gives through its <c>response-outparam</c> (<see cref="Response"/>). The server (package Wippy.Http) makes one per
/// request, calls the entry with it (<see cref="WasmFunctionHandle.ServeHttpAsync"/>), sends the response once it is
/// set and copies its body while the guest writes it.
/// </summary>
/// <remarks>
/// The guest runs on its own (a fiber, or a thread-pool thread) while the server sends: <see cref="Response"/>
/// completes on the guest's side, with continuations run asynchronously so the guest is never held by the server's
/// code. When the call ends (<see cref="CallEnded"/>), a response never set fails <see cref="Response"/>, and a body
/// the guest did not finish fails its reader: a truncated response must not look complete.
/// </remarks>
internal sealed class HttpHandlerExchange(IncomingRequest request)
{
    private readonly TaskCompletionSource<GuestHttpResponse> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The request, handed to the guest as its <c>incoming-request</c>.</summary>
    public IncomingRequest Request { get; } = request;

    /// <summary>
    /// Completes when the guest sets its response (or its error code); fails with the call's error, or an
    /// <see cref="InvalidOperationException"/>, when the call ended without one.
    /// </summary>
    public Task<GuestHttpResponse> Response => _response.Task;

    /// <summary>The guest's answer (from <c>response-outparam.set</c>); false when one was set already.</summary>
    public bool TrySet(GuestHttpResponse response) => _response.TrySetResult(response);

    /// <summary>
    /// The guest's call ended, with <paramref name="failure"/> (null: it returned). A response never set fails
    /// <see cref="Response"/>; a body not finished fails its reader.
    /// </summary>
    public void CallEnded(Exception? failure)
    {
        var ended = failure ?? new InvalidOperationException("the guest returned from handle without setting a response (response-outparam.set)");
        if (_response.TrySetException(ended)) return;
        if (_response.Task.Result.Body is { } body)
        {
            body.AbortUnfinished(new HttpErrorException(
                HttpErrorCode.Internal("the body was not finished"),
                failure is null ? "the guest returned from handle without finishing the response body" : "the guest failed while writing the response body: " + failure.Message));
        }
    }
}

/// <summary>A guest's answer to a request: a response, or the error code it gave instead (<c>err</c> in <c>set</c>).</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">The headers (immutable).</param>
/// <param name="Body">The body, or null when the guest never asked for one (an empty body).</param>
/// <param name="Error">The guest's error code instead of a response, or null.</param>
internal sealed record GuestHttpResponse(ushort Status, HttpFields Headers, OutgoingBody? Body, HttpErrorCode? Error);
