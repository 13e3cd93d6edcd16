using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.Observability;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/outgoing-handler: <c>handle</c> checks the request's scheme, host and port against the entry's
/// <c>wasi.allowed_outbound_hosts</c> (<see cref="OutboundHosts"/>), then sends it (<see cref="HttpSender"/>) and
/// returns at once with the future of its response; the guest waits on the future's pollable, within its call's
/// limits. A request no pattern allows fails at once with <c>HTTP-request-denied</c>: nothing is looked up or sent.
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
                var target = HttpSender.Target(request);
                var wasi = call.State.Wasi ?? WasiContext.Empty;
                if (!wasi.OutboundHosts.Allows(target))
                {
                    if (wasi.Log is { } log)
                    {
                        WippyLog.OutboundRequestDenied(log, call.State.EntryId, target.GetLeftPart(UriPartial.Authority), OutboundHosts.PatternFor(target));
                    }
                    throw new HttpErrorException(HttpErrorCode.RequestDenied, $"no pattern of wasi.allowed_outbound_hosts allows {target.GetLeftPart(UriPartial.Authority)}");
                }
                results[0] = ComponentVal.OwnedOk(call.Own(HttpTypesInterface.FutureIncomingResponseType, HttpSender.Send(request, target, options)));
            }
            catch (HttpErrorException refused)
            {
                request.Body?.Refused(refused);
                results[0] = ComponentVal.OwnedErr(refused.Code.ToOwned());
            }
        },
    });
}
