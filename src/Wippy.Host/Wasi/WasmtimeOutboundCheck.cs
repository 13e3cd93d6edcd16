using Wippy.Host.Registry;
using Wippy.Host.WasiHost.Http;

namespace Wippy.Host.Wasi;

/// <summary>
/// Whether an entry whose component gets Wasmtime's built-in WASI may load, given its <c>wasi.allowed_outbound_hosts</c>
/// (docs/runtime.md#outgoing-http). Wasmtime's wasi:http sends a request to any host, and its C API has no hook to check
/// one first, so the list cannot be kept to there: a guest that imports <c>wasi:http/outgoing-handler</c> with the
/// wasi:http grant loads only when its list allows every host (<c>*://*:*</c>). Without the grant, <c>handle</c> is a
/// stub that refuses every call (<see cref="WasiLinking"/>), so there is nothing to keep to.
/// </summary>
internal static class WasmtimeOutboundCheck
{
    /// <summary>The interface that sends requests.</summary>
    public const string OutgoingHandler = "wasi:http/outgoing-handler";

    /// <summary>
    /// Throws when the entry cannot load on Wasmtime's WASI: it grants wasi:http, its guest imports
    /// <see cref="OutgoingHandler"/> (in <paramref name="wasiImports"/>, the WASI interfaces it imports) and its
    /// <paramref name="hosts"/> do not allow everything. <paramref name="why"/> says why the guest gets Wasmtime's WASI.
    /// </summary>
    /// <exception cref="WippyException">Invalid: the entry's outbound hosts cannot be kept to.</exception>
    public static void Check(FunctionDescriptor d, IEnumerable<string> wasiImports, WasiGrants grants, OutboundHosts hosts, string why)
    {
        if (hosts.AllowsEverything || !grants.Grants("wasi:http")) return;
        if (!wasiImports.Any(i => WasiGrants.Unversioned(i) == OutgoingHandler)) return;
        var listed = hosts.Patterns.Count == 0
            ? "none are listed"
            : "it lists " + string.Join(", ", hosts.Patterns.Select(p => $"\"{p.Text}\""));
        throw new WippyException(ErrorKind.Invalid, d.Id,
            $"the guest gets Wasmtime's built-in WASI, because {why}, and Wasmtime's wasi:http sends requests to any host: it cannot keep to "
            + $"wasi.allowed_outbound_hosts ({listed}). If the guest may reach every host, write \"allowed_outbound_hosts: ['*://*:*']\"; "
            + $"otherwise build it without that import, so that the host's own WASI serves it and checks every request (entry declared at {d.DeclaredAt})");
    }
}
