using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Http;

/// <summary>wasi:http/types' requests, responses and bodies, for the client side (<c>outgoing-handler</c>).</summary>
internal static partial class HttpTypesInterface
{
    /// <summary>The interface's <c>method</c> cases and the HTTP methods they stand for.</summary>
    private static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        ["get"] = "GET", ["head"] = "HEAD", ["post"] = "POST", ["put"] = "PUT", ["delete"] = "DELETE",
        ["connect"] = "CONNECT", ["options"] = "OPTIONS", ["trace"] = "TRACE", ["patch"] = "PATCH",
    };

    private static IEnumerable<KeyValuePair<string, HostFunction>> MessageFunctions() => new Dictionary<string, HostFunction>
    {
        // outgoing-request
        ["[constructor]outgoing-request"] = (call, args, results) =>
            results[0] = call.Own(OutgoingRequestType, new OutgoingRequest(call.Take<HttpFields>(args[0], FieldsType))),
        ["[method]outgoing-request.body"] = (call, args, results) =>
            results[0] = Request(call, args).TakeBody() is { } body ? ComponentVal.OwnedOk(call.Own(OutgoingBodyType, body)) : ComponentVal.OwnedErr(null),
        ["[method]outgoing-request.method"] = (call, args, results) => results[0] = MethodValue(Request(call, args).Method),
        ["[method]outgoing-request.set-method"] = (call, args, results) =>
            results[0] = Unit(Request(call, args).SetMethod(MethodOf(args[1]))),
        ["[method]outgoing-request.path-with-query"] = (call, args, results) => results[0] = HttpErrorCode.OptionalString(Request(call, args).PathWithQuery),
        ["[method]outgoing-request.set-path-with-query"] = (call, args, results) =>
            results[0] = Unit(Request(call, args).SetPathWithQuery(args[1].TryGetSome(out var path) ? path.AsString() : null)),
        ["[method]outgoing-request.scheme"] = (call, args, results) =>
            results[0] = Request(call, args).Scheme is { } scheme ? ComponentVal.OwnedSome(SchemeValue(scheme)) : ComponentVal.None,
        ["[method]outgoing-request.set-scheme"] = (call, args, results) =>
            results[0] = Unit(Request(call, args).SetScheme(args[1].TryGetSome(out var scheme) ? SchemeOf(scheme) : null)),
        ["[method]outgoing-request.authority"] = (call, args, results) => results[0] = HttpErrorCode.OptionalString(Request(call, args).Authority),
        ["[method]outgoing-request.set-authority"] = (call, args, results) =>
            results[0] = Unit(Request(call, args).SetAuthority(args[1].TryGetSome(out var authority) ? authority.AsString() : null)),
        ["[method]outgoing-request.headers"] = (call, args, results) => results[0] = call.Own(FieldsType, Request(call, args).Headers),

        // request-options: durations in nanoseconds
        ["[constructor]request-options"] = (call, _, results) => results[0] = call.Own(RequestOptionsType, new RequestOptions()),
        ["[method]request-options.connect-timeout"] = (call, args, results) => results[0] = Duration(Options(call, args).ConnectTimeout),
        ["[method]request-options.set-connect-timeout"] = (call, args, results) =>
        {
            Options(call, args).ConnectTimeout = DurationOf(args[1]);
            results[0] = ComponentVal.OwnedOk(null);
        },
        ["[method]request-options.first-byte-timeout"] = (call, args, results) => results[0] = Duration(Options(call, args).FirstByteTimeout),
        ["[method]request-options.set-first-byte-timeout"] = (call, args, results) =>
        {
            Options(call, args).FirstByteTimeout = DurationOf(args[1]);
            results[0] = ComponentVal.OwnedOk(null);
        },
        ["[method]request-options.between-bytes-timeout"] = (call, args, results) => results[0] = Duration(Options(call, args).BetweenBytesTimeout),
        ["[method]request-options.set-between-bytes-timeout"] = (call, args, results) =>
        {
            Options(call, args).BetweenBytesTimeout = DurationOf(args[1]);
            results[0] = ComponentVal.OwnedOk(null);
        },

        // outgoing-body
        ["[method]outgoing-body.write"] = (call, args, results) =>
            results[0] = call.Borrow<OutgoingBody>(args[0], OutgoingBodyType).Write() is { } stream
                ? ComponentVal.OwnedOk(call.Own(StreamsInterface.OutputStreamType, stream))
                : ComponentVal.OwnedErr(null),
        ["[static]outgoing-body.finish"] = (call, args, results) =>
        {
            var body = call.Take<OutgoingBody>(args[0], OutgoingBodyType);
            var trailers = args[1].TryGetSome(out var handle) ? call.Take<HttpFields>(handle, FieldsType) : null;
            results[0] = body.Finish(trailers) is { } error ? ComponentVal.OwnedErr(error.ToOwned()) : ComponentVal.OwnedOk(null);
        },

        // future-incoming-response: option<result<result<incoming-response, error-code>>>
        ["[method]future-incoming-response.subscribe"] = (call, args, results) =>
            results[0] = call.Own(PollInterface.PollableType, call.Borrow<FutureIncomingResponse>(args[0], FutureIncomingResponseType).Subscribe()),
        ["[method]future-incoming-response.get"] = (call, args, results) =>
        {
            var ready = call.Borrow<FutureIncomingResponse>(args[0], FutureIncomingResponseType).Get();
            results[0] = ready switch
            {
                null => ComponentVal.None,
                { AlreadyTaken: true } => ComponentVal.OwnedSome(ComponentVal.OwnedErr(null)),
                { Response: { } response } => ComponentVal.OwnedSome(ComponentVal.OwnedOk(ComponentVal.OwnedOk(call.Own(IncomingResponseType, response)))),
                { Error: var error } => ComponentVal.OwnedSome(ComponentVal.OwnedOk(ComponentVal.OwnedErr(error!.ToOwned()))),
            };
        },

        // incoming-response
        ["[method]incoming-response.status"] = (call, args, results) =>
            results[0] = ComponentVal.U16(call.Borrow<IncomingResponse>(args[0], IncomingResponseType).Status),
        ["[method]incoming-response.headers"] = (call, args, results) =>
            results[0] = call.Own(FieldsType, call.Borrow<IncomingResponse>(args[0], IncomingResponseType).Headers),
        ["[method]incoming-response.consume"] = (call, args, results) =>
            results[0] = call.Borrow<IncomingResponse>(args[0], IncomingResponseType).Consume() is { } body
                ? ComponentVal.OwnedOk(call.Own(IncomingBodyType, body))
                : ComponentVal.OwnedErr(null),

        // incoming-body
        ["[method]incoming-body.stream"] = (call, args, results) =>
            results[0] = call.Borrow<IncomingBody>(args[0], IncomingBodyType).Stream() is { } stream
                ? ComponentVal.OwnedOk(call.Own(StreamsInterface.InputStreamType, stream))
                : ComponentVal.OwnedErr(null),
        ["[static]incoming-body.finish"] = (call, args, results) =>
        {
            var body = call.Take<IncomingBody>(args[0], IncomingBodyType);
            results[0] = call.Own(FutureTrailersType, body.Finish());
        },

        // future-trailers: option<result<result<option<trailers>, error-code>>>
        ["[method]future-trailers.subscribe"] = (call, args, results) =>
            results[0] = call.Own(PollInterface.PollableType, call.Borrow<FutureTrailers>(args[0], FutureTrailersType).Subscribe()),
        ["[method]future-trailers.get"] = (call, args, results) =>
        {
            var ready = call.Borrow<FutureTrailers>(args[0], FutureTrailersType).Get();
            results[0] = ready switch
            {
                null => ComponentVal.None,
                { AlreadyTaken: true } => ComponentVal.OwnedSome(ComponentVal.OwnedErr(null)),
                { Error: { } error } => ComponentVal.OwnedSome(ComponentVal.OwnedOk(ComponentVal.OwnedErr(error.ToOwned()))),
                { Trailers: var trailers } => ComponentVal.OwnedSome(ComponentVal.OwnedOk(ComponentVal.OwnedOk(
                    trailers is null ? ComponentVal.None : ComponentVal.OwnedSome(call.Own(FieldsType, trailers))))),
            };
        },

        // http-error-code(err: borrow<io-error>) -> option<error-code>
        ["http-error-code"] = (call, args, results) =>
            results[0] = call.Borrow<IoError>(args[0], IoErrorInterface.ErrorType).Code is HttpErrorCode code
                ? ComponentVal.OwnedSome(code.ToOwned())
                : ComponentVal.None,
    };

    private static OutgoingRequest Request(HostCall call, ReadOnlySpan<ComponentVal> args) => call.Borrow<OutgoingRequest>(args[0], OutgoingRequestType);

    private static RequestOptions Options(HostCall call, ReadOnlySpan<ComponentVal> args) => call.Borrow<RequestOptions>(args[0], RequestOptionsType);

    /// <summary>The bare <c>result</c> (no payloads).</summary>
    private static ComponentVal Unit(bool ok) => ok ? ComponentVal.OwnedOk(null) : ComponentVal.OwnedErr(null);

    /// <summary>The HTTP method a <c>method</c> value names (<c>other</c>'s text as given).</summary>
    private static string MethodOf(in ComponentVal method)
    {
        var name = method.AsVariant(out var payload);
        return Methods.TryGetValue(name, out var known) ? known : payload?.AsString() ?? name;
    }

    private static ComponentVal MethodValue(string method)
    {
        foreach (var (name, known) in Methods)
        {
            if (known == method) return ComponentVal.OwnedVariant(name, null);
        }
        return ComponentVal.OwnedVariant("other", ComponentVal.OwnedString(method));
    }

    /// <summary>The scheme a <c>scheme</c> value names (<c>HTTP</c>, <c>HTTPS</c>, or <c>other</c>'s text).</summary>
    private static string SchemeOf(in ComponentVal scheme)
    {
        var name = scheme.AsVariant(out var payload);
        return name == "other" ? payload?.AsString() ?? "" : name;
    }

    private static ComponentVal SchemeValue(string scheme) =>
        scheme is "HTTP" or "HTTPS" ? ComponentVal.OwnedVariant(scheme, null) : ComponentVal.OwnedVariant("other", ComponentVal.OwnedString(scheme));

    private static ComponentVal Duration(TimeSpan? duration) =>
        duration is { } d ? ComponentVal.OwnedSome(ComponentVal.U64((ulong)d.Ticks * 100)) : ComponentVal.None;

    private static TimeSpan? DurationOf(in ComponentVal duration) =>
        duration.TryGetSome(out var ns) ? TimeSpan.FromTicks((long)Math.Min(ns.AsU64() / 100, (ulong)TimeSpan.MaxValue.Ticks)) : null;
}
