using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/outgoing-handler: <c>handle</c> sends an <c>outgoing-request</c> (<see cref="HttpSender"/>) and returns
/// at once with the future of its response; the guest waits on the future's pollable, within its call's limits.
/// </summary>
internal static class OutgoingHandlerInterface
{
    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:http/outgoing-handler", [], new Dictionary<string, HostFunction>
    {
        // handle(request: outgoing-request, options: option<request-options>) -> result<future-incoming-response, error-code>
        ["handle"] = (call, args, results) =>
        {
            var request = call.Take<OutgoingRequest>(args[0], HttpTypesInterface.OutgoingRequestType);
            var options = args[1].TryGetSome(out var handle) ? call.Take<RequestOptions>(handle, HttpTypesInterface.RequestOptionsType) : null;
            try
            {
                results[0] = ComponentVal.OwnedOk(call.Own(HttpTypesInterface.FutureIncomingResponseType, HttpSender.Send(request, options)));
            }
            catch (HttpErrorException refused)
            {
                results[0] = ComponentVal.OwnedErr(refused.Code.ToOwned());
            }
        },
    });
}
