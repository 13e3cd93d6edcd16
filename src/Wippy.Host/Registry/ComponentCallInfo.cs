namespace Wippy.Host.Registry;

/// <summary>
/// For a function entry whose module is a WebAssembly component: the function <c>method:</c> names and its type
/// as the proxy was generated for it. The host checks both against the component's bytes when it loads the entry.
/// </summary>
/// <param name="Method">The <c>method:</c> as written (<c>transform-users</c>, <c>echo#echo-point</c>, <c>ns:pkg/iface@1.0.0#f</c>).</param>
/// <param name="Fingerprint">The function type with the type names left out, e.g. <c>func(s32, s32) -> s32</c>.</param>
public sealed record ComponentCallInfo(string Method, string Fingerprint)
{
    /// <summary>
    /// The members of the resources the function's types use (constructors, methods, static functions), by export
    /// (<c>wippy:counter/counters#[method]counter.get</c>), with the types the generated classes call them with; the host
    /// checks them too, so a component swapped for one whose methods changed fails at load, not at a method's call.
    /// </summary>
    public IReadOnlyDictionary<string, string> MemberFingerprints { get; init; } = new Dictionary<string, string>();
}
