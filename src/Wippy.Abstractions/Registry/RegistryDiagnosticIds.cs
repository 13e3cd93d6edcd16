namespace Wippy.Registry;

/// <summary>
/// The stable ids of the registry diagnostics (<c>WIPPY0001</c>–<c>WIPPY0099</c>). Each id keeps its meaning
/// forever; docs/diagnostics.md lists them with an example message and how to fix each one. Each id's severity,
/// title and help link are its entry in <see cref="Wippy.Diagnostics.DiagnosticCatalog"/> (error unless it says warning).
/// </summary>
public static class RegistryDiagnosticIds
{
    // ---- The file and its document (0001–0009) ----

    /// <summary>The file is not valid YAML (reported at the line and column the YAML reader stopped at).</summary>
    public const string YamlSyntax = "WIPPY0001";

    /// <summary>The file's shape is wrong: its root is not a map, or it holds more than one YAML document.</summary>
    public const string InvalidDocument = "WIPPY0002";

    /// <summary>A required field is missing or empty (<c>namespace</c>, <c>entries</c>, an entry's <c>name</c>, <c>kind</c>, or a kind's own required fields).</summary>
    public const string MissingRequiredField = "WIPPY0003";

    /// <summary>A value has the wrong type: text, a whole number, true/false, a list or a map was expected.</summary>
    public const string WrongValueType = "WIPPY0004";

    /// <summary>The <c>namespace</c> is not dot-separated segments of lowercase letters, digits, <c>_</c> and <c>-</c>.</summary>
    public const string InvalidNamespace = "WIPPY0005";

    /// <summary>An entry's <c>name</c> has characters other than letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</summary>
    public const string InvalidEntryName = "WIPPY0006";

    /// <summary>Warning: the entry's <c>kind</c> is not one this runtime knows; the entry is kept but ignored.</summary>
    public const string UnknownKind = "WIPPY0007";

    /// <summary>Warning: a field this kind (or this block) does not have; it is ignored.</summary>
    public const string UnknownField = "WIPPY0008";

    /// <summary>Warning: the file's <c>version</c> is not <c>1.0</c>.</summary>
    public const string UnsupportedVersion = "WIPPY0009";

    // ---- Function fields (0010–0029) ----

    /// <summary>The <c>hash</c> is not <c>sha256:</c> followed by 64 hexadecimal digits.</summary>
    public const string InvalidHashFormat = "WIPPY0010";

    /// <summary>The <c>hash</c> names an algorithm other than sha256 (only sha256 is supported).</summary>
    public const string UnsupportedHashAlgorithm = "WIPPY0011";

    /// <summary>The <c>method</c> is malformed (white space, or an empty side of <c>iface#func</c>; for a <c>function.lua</c>, not a Lua identifier or a Lua keyword).</summary>
    public const string InvalidMethod = "WIPPY0012";

    /// <summary>The <c>transport</c> is neither <c>payload</c> nor <c>wasi-http</c>.</summary>
    public const string InvalidTransport = "WIPPY0013";

    /// <summary>The <c>pool.type</c> is not <c>inline</c>, <c>lazy</c>, <c>static</c> or <c>adaptive</c>.</summary>
    public const string InvalidPoolType = "WIPPY0014";

    /// <summary>A pool number (<c>size</c>, <c>workers</c>, <c>buffer</c>, <c>max_size</c>) is negative.</summary>
    public const string NegativePoolNumber = "WIPPY0015";

    /// <summary>A <c>limits</c> number is zero or negative.</summary>
    public const string InvalidLimit = "WIPPY0016";

    /// <summary>An <c>imports</c> name is not one of the supported WASI interfaces or preview1 aliases.</summary>
    public const string UnknownImport = "WIPPY0017";

    /// <summary>Warning: the same import is listed twice (after case folding and <c>@version</c> stripping).</summary>
    public const string DuplicateImport = "WIPPY0018";

    /// <summary>A reference to another entry is malformed (empty, white space, or more than one <c>:</c>).</summary>
    public const string InvalidReference = "WIPPY0019";

    /// <summary>A <c>file://</c> reference or a directory path is empty or not a valid path.</summary>
    public const string InvalidPath = "WIPPY0020";

    /// <summary><c>wasi.cwd</c> or a mount's <c>guest</c> path is not absolute.</summary>
    public const string RelativeGuestPath = "WIPPY0021";

    /// <summary>Two <c>wasi.mounts</c> of one entry use the same <c>guest</c> path.</summary>
    public const string DuplicateMountPath = "WIPPY0022";

    /// <summary>A <c>wasi.env</c> <c>name</c> is not a valid variable name, or two bindings use the same name.</summary>
    public const string InvalidEnvName = "WIPPY0023";

    /// <summary>An <c>fs.directory</c> <c>mode</c> is not 3 or 4 octal digits (such as <c>0755</c>).</summary>
    public const string InvalidMode = "WIPPY0024";

    /// <summary>A <c>function.lua</c> <c>modules</c> name is empty or not dot-separated segments of letters, digits and <c>_</c>.</summary>
    public const string InvalidModuleName = "WIPPY0025";

    /// <summary>Warning: the same module is listed twice in a <c>function.lua</c>'s <c>modules</c>; the second is dropped.</summary>
    public const string DuplicateModule = "WIPPY0026";

    /// <summary>An <c>fs.embed</c> <c>include</c> pattern is empty, absolute, leaves the directory, or uses <c>\</c>, brackets or braces.</summary>
    public const string InvalidIncludePattern = "WIPPY0027";

    /// <summary>
    /// A <c>wasi.allowed_outbound_hosts</c> item is not a host pattern <c>scheme://host[:port]</c> (a path, a scheme other
    /// than http, https or <c>*</c>, an IPv6 address without brackets, a misplaced <c>*</c>…); it is left out.
    /// </summary>
    public const string InvalidOutboundHost = "WIPPY0028";

    /// <summary>
    /// Warning: <c>wasi.allowed_outbound_hosts</c> on an entry whose <c>imports</c> does not grant <c>wasi:http</c>, so
    /// it has no effect: the guest cannot send requests at all.
    /// </summary>
    public const string OutboundHostsWithoutHttp = "WIPPY0029";

    // ---- Across files (0030–0039), reported by RegistryValidator ----

    /// <summary>Two entries have the same id (<c>namespace:name</c>); reported at the second one.</summary>
    public const string DuplicateId = "WIPPY0030";

    /// <summary>A reference (<c>fs</c>, <c>wasi.env[].id</c>, <c>wasi.mounts[].fs</c>, <c>func</c>, <c>meta.server</c>, <c>meta.router</c>) names no entry.</summary>
    public const string UnresolvedReference = "WIPPY0031";

    /// <summary>A reference names an entry of the wrong kind (an <c>fs</c> must name an <c>fs.*</c> entry, an env <c>id</c> an <c>env.variable</c>, an endpoint's <c>func</c> a function).</summary>
    public const string WrongKindReference = "WIPPY0032";

    // ---- Parsed but not run yet (0040–0049), reported by the source generator ----

    /// <summary>
    /// Warning: the entry's kind is known (and, for <c>process.wasm</c>, parsed and checked) but this runtime does not
    /// run it yet (<see cref="RegistryKind.NotRunYet"/>); the entry gets no proxy and cannot be called.
    /// </summary>
    public const string KindNotRunYet = "WIPPY0040";

    /// <summary>
    /// Warning: a function with <c>transport: wasi-http</c> that no <c>http.endpoint</c> calls: nothing calls it over
    /// HTTP, and a transport function can only be called through an endpoint. (The id first meant "the transport is
    /// parsed but nothing serves HTTP yet", the same condition before endpoints were served: it keeps its meaning, a
    /// wasi-http function that no HTTP request reaches.)
    /// </summary>
    public const string WasiHttpWithoutEndpoint = "WIPPY0041";

    /// <summary>Warning: a <c>process.wasm</c> entry has a <c>pool</c> block, which is ignored (a process has an instance of its own).</summary>
    public const string ProcessPoolIgnored = "WIPPY0043";

    /// <summary>
    /// A <c>meta.command</c> name that cannot be run: a word of the command line's own (<c>list</c>), or a name another
    /// entry's command already has (reported at the second, naming the first).
    /// </summary>
    public const string InvalidCommandName = "WIPPY0044";

    /// <summary>
    /// Warning: the component imports the process mailbox (<c>wippy:actor/process</c>) but cannot use it: a
    /// <c>process.wasm</c> whose <c>imports</c> does not grant <c>wippy:actor</c> (each mailbox call fails with
    /// PermissionDenied), or a function (only a spawned process has a mailbox).
    /// </summary>
    public const string MailboxUnusable = "WIPPY0045";

    /// <summary>
    /// A function's <c>call_path</c> is neither <c>direct</c> nor <c>component-model</c> (the function fields' range is
    /// full, so this field's id is here).
    /// </summary>
    public const string InvalidCallPath = "WIPPY0046";

    // ---- HTTP (0050–0059): http.service, http.router, http.endpoint ----

    /// <summary>An <c>http.service</c>'s <c>addr</c> is not <c>":port"</c>, <c>"ipv4:port"</c>, <c>"localhost:port"</c> or <c>"[ipv6]:port"</c> with a port from 0 to 65535.</summary>
    public const string InvalidHttpAddress = "WIPPY0050";

    /// <summary>An <c>http.endpoint</c>'s <c>method</c> is not GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.</summary>
    public const string InvalidHttpMethod = "WIPPY0051";

    /// <summary>
    /// An endpoint's <c>path</c> or a router's <c>prefix</c> is malformed: no leading <c>/</c>, an empty segment, a
    /// character a path segment cannot hold, a parameter that is not a whole <c>{name}</c> segment, or a parameter name
    /// used twice (also across the router's prefix and the endpoint's path).
    /// </summary>
    public const string InvalidHttpPath = "WIPPY0052";

    /// <summary>
    /// The registry declares several <c>http.service</c> entries and a router without <c>meta.server</c> (or an
    /// endpoint without <c>meta.router</c>) does not say which one it belongs to.
    /// </summary>
    public const string AmbiguousHttpService = "WIPPY0053";

    /// <summary>
    /// Two endpoints have the same method and the same full route (router prefix + path; parameter names and letter
    /// case do not tell routes apart) on the same service; reported at the second one's <c>path</c>.
    /// </summary>
    public const string DuplicateHttpRoute = "WIPPY0054";

    /// <summary>
    /// An endpoint's <c>func</c> names a function that cannot serve HTTP: a <c>process.wasm</c>, a function without
    /// <c>transport: wasi-http</c>, or a wasi-http function whose export takes other parameters than <c>()</c> or
    /// <c>(body: string)</c> (that last check by the source generator, which knows the signature).
    /// </summary>
    public const string EndpointCannotServeHttp = "WIPPY0055";

    /// <summary>
    /// The entry's kind is unknown but close to a known one (<c>function.wams</c>): an error saying which one was probably
    /// meant, so that the first error of a typo is at its line (an entry of an unknown kind is otherwise ignored,
    /// WIPPY0007, and the first error would be in the app's code calling it).
    /// </summary>
    public const string MisspelledKind = "WIPPY0056";
}
