using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types: <c>fields</c> (this file); for a guest that sends requests, outgoing requests, request options,
/// outgoing bodies, future and incoming responses, incoming bodies and future trailers
/// (<c>HttpTypesInterface.Messages.cs</c>); for a guest that serves them (<c>wasi:http/incoming-handler</c>), incoming
/// requests, outgoing responses and the response outparam (<c>HttpTypesInterface.Server.cs</c>).
/// </summary>
internal static partial class HttpTypesInterface
{
    private const string Name = "wasi:http/types";

    /// <summary>The <c>fields</c> resource type (headers and trailers).</summary>
    public static HostResourceType FieldsType { get; } = new(Name, "fields");

    /// <summary>The <c>outgoing-request</c> resource type.</summary>
    public static HostResourceType OutgoingRequestType { get; } = new(Name, "outgoing-request");

    /// <summary>The <c>request-options</c> resource type.</summary>
    public static HostResourceType RequestOptionsType { get; } = new(Name, "request-options");

    /// <summary>The <c>outgoing-body</c> resource type.</summary>
    public static HostResourceType OutgoingBodyType { get; } = new(Name, "outgoing-body");

    /// <summary>The <c>future-incoming-response</c> resource type.</summary>
    public static HostResourceType FutureIncomingResponseType { get; } = new(Name, "future-incoming-response");

    /// <summary>The <c>incoming-response</c> resource type.</summary>
    public static HostResourceType IncomingResponseType { get; } = new(Name, "incoming-response");

    /// <summary>The <c>incoming-body</c> resource type.</summary>
    public static HostResourceType IncomingBodyType { get; } = new(Name, "incoming-body");

    /// <summary>The <c>future-trailers</c> resource type.</summary>
    public static HostResourceType FutureTrailersType { get; } = new(Name, "future-trailers");

    /// <summary>The <c>incoming-request</c> resource type (server side).</summary>
    public static HostResourceType IncomingRequestType { get; } = new(Name, "incoming-request");

    /// <summary>The <c>outgoing-response</c> resource type (server side).</summary>
    public static HostResourceType OutgoingResponseType { get; } = new(Name, "outgoing-response");

    /// <summary>The <c>response-outparam</c> resource type (server side).</summary>
    public static HostResourceType ResponseOutparamType { get; } = new(Name, "response-outparam");

    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new(Name,
        [
            FieldsType, OutgoingRequestType, RequestOptionsType, OutgoingBodyType, FutureIncomingResponseType,
            IncomingResponseType, IncomingBodyType, FutureTrailersType, IncomingRequestType, OutgoingResponseType,
            ResponseOutparamType,
        ],
        FieldsFunctions().Concat(MessageFunctions()).Concat(ServerFunctions()).ToDictionary(StringComparer.Ordinal));

    private static IEnumerable<KeyValuePair<string, HostFunction>> FieldsFunctions() => new Dictionary<string, HostFunction>
    {
        ["[constructor]fields"] = (call, _, results) => results[0] = call.Own(FieldsType, new HttpFields()),
        ["[static]fields.from-list"] = (call, args, results) =>
        {
            var fields = new HttpFields();
            foreach (var entry in args[0].AsList())
            {
                var pair = ComponentValues.ReadTuple(entry, "entries", 2);
                if (fields.Append(pair[0].AsString(), pair[1].BytesOfList("entries").ToArray()) is { } refused)
                {
                    results[0] = ComponentVal.OwnedErr(ComponentVal.OwnedVariant(refused, null));
                    return;
                }
            }
            results[0] = ComponentVal.OwnedOk(call.Own(FieldsType, fields));
        },
        ["[method]fields.get"] = (call, args, results) =>
        {
            var values = Fields(call, args).Get(args[1].AsString());
            var list = ComponentVal.OwnedList(values.Count);
            for (var i = 0; i < values.Count; i++) ComponentVal.SetItem(ref list, i, ComponentVal.OwnedBytes(values[i]));
            results[0] = list;
        },
        ["[method]fields.has"] = (call, args, results) => results[0] = ComponentVal.Bool(Fields(call, args).Has(args[1].AsString())),
        ["[method]fields.set"] = (call, args, results) =>
        {
            var values = new List<byte[]>();
            foreach (var value in args[2].AsList()) values.Add(value.BytesOfList("value").ToArray());
            results[0] = HeaderResult(Fields(call, args).Set(args[1].AsString(), values));
        },
        ["[method]fields.delete"] = (call, args, results) => results[0] = HeaderResult(Fields(call, args).Delete(args[1].AsString())),
        ["[method]fields.append"] = (call, args, results) =>
            results[0] = HeaderResult(Fields(call, args).Append(args[1].AsString(), args[2].BytesOfList("value").ToArray())),
        ["[method]fields.entries"] = (call, args, results) => results[0] = Entries(Fields(call, args)),
        ["[method]fields.clone"] = (call, args, results) => results[0] = call.Own(FieldsType, Fields(call, args).Clone()),
    };

    private static HttpFields Fields(HostCall call, ReadOnlySpan<ComponentVal> args) => call.Borrow<HttpFields>(args[0], FieldsType);

    /// <summary><c>result&lt;_, header-error&gt;</c>.</summary>
    private static ComponentVal HeaderResult(string? refused) =>
        refused is null ? ComponentVal.OwnedOk(null) : ComponentVal.OwnedErr(ComponentVal.OwnedVariant(refused, null));

    /// <summary><c>list&lt;tuple&lt;field-name, field-value&gt;&gt;</c>.</summary>
    private static ComponentVal Entries(HttpFields fields)
    {
        var entries = fields.Entries.ToList();
        var list = ComponentVal.OwnedList(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var pair = ComponentVal.OwnedTuple(2);
            ComponentVal.SetItem(ref pair, 0, ComponentVal.OwnedString(entries[i].Name));
            ComponentVal.SetItem(ref pair, 1, ComponentVal.OwnedBytes(entries[i].Value));
            ComponentVal.SetItem(ref list, i, pair);
        }
        return list;
    }
}
