using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types' server side, for a guest that exports <c>wasi:http/incoming-handler</c>: the request it is given
/// (<c>incoming-request</c>), the response it builds (<c>outgoing-response</c>) and where it puts it
/// (<c>response-outparam</c>). Bodies are the same <c>incoming-body</c> and <c>outgoing-body</c> as the client's.
/// </summary>
internal static partial class HttpTypesInterface
{
    private static IEnumerable<KeyValuePair<string, HostFunction>> ServerFunctions() => new Dictionary<string, HostFunction>
    {
        // incoming-request
        ["[method]incoming-request.method"] = (call, args, results) => results[0] = MethodValue(Incoming(call, args).Method),
        ["[method]incoming-request.path-with-query"] = (call, args, results) => results[0] = HttpErrorCode.OptionalString(Incoming(call, args).PathWithQuery),
        ["[method]incoming-request.scheme"] = (call, args, results) =>
            results[0] = Incoming(call, args).Scheme is { } scheme ? ComponentVal.OwnedSome(SchemeValue(scheme)) : ComponentVal.None,
        ["[method]incoming-request.authority"] = (call, args, results) => results[0] = HttpErrorCode.OptionalString(Incoming(call, args).Authority),
        ["[method]incoming-request.headers"] = (call, args, results) => results[0] = call.Own(FieldsType, Incoming(call, args).Headers),
        ["[method]incoming-request.consume"] = (call, args, results) =>
            results[0] = Incoming(call, args).Consume() is { } body ? ComponentVal.OwnedOk(call.Own(IncomingBodyType, body)) : ComponentVal.OwnedErr(null),

        // outgoing-response
        ["[constructor]outgoing-response"] = (call, args, results) =>
            results[0] = call.Own(OutgoingResponseType, new OutgoingResponse(call.Take<HttpFields>(args[0], FieldsType))),
        ["[method]outgoing-response.status-code"] = (call, args, results) => results[0] = ComponentVal.U16(Outgoing(call, args).Status),
        ["[method]outgoing-response.set-status-code"] = (call, args, results) => results[0] = Unit(Outgoing(call, args).SetStatus(args[1].AsU16())),
        ["[method]outgoing-response.headers"] = (call, args, results) => results[0] = call.Own(FieldsType, Outgoing(call, args).Headers),
        ["[method]outgoing-response.body"] = (call, args, results) =>
            results[0] = Outgoing(call, args).TakeBody() is { } body ? ComponentVal.OwnedOk(call.Own(OutgoingBodyType, body)) : ComponentVal.OwnedErr(null),

        // set(param: own<response-outparam>, response: result<own<outgoing-response>, error-code>): the answer, once.
        ["[static]response-outparam.set"] = (call, args, results) =>
        {
            var outparam = call.Take<ResponseOutparam>(args[0], ResponseOutparamType);
            GuestHttpResponse answer;
            if (args[1].AsResult(out var payload))
            {
                var response = call.Take<OutgoingResponse>(ComponentValues.Payload(payload, "response"), OutgoingResponseType);
                answer = new GuestHttpResponse(response.Status, response.Headers, response.Body, null);
            }
            else
            {
                answer = new GuestHttpResponse(500, new HttpFields().ImmutableView(), null, HttpErrorCode.FromValue(ComponentValues.Payload(payload, "error-code")));
            }
            // An outparam is owned and given up by set, so a second set cannot happen: Wasmtime refuses the moved handle.
            outparam.Exchange.TrySet(answer);
        },
    };

    private static IncomingRequest Incoming(HostCall call, ReadOnlySpan<ComponentVal> args) => call.Borrow<IncomingRequest>(args[0], IncomingRequestType);

    private static OutgoingResponse Outgoing(HostCall call, ReadOnlySpan<ComponentVal> args) => call.Borrow<OutgoingResponse>(args[0], OutgoingResponseType);
}
