namespace Wippy.Registry;

/// <summary>
/// Reads <c>http.service</c> (<c>addr</c>*), <c>http.router</c> (<c>prefix</c>, <c>meta.server</c>) and
/// <c>http.endpoint</c> (<c>method</c>*, <c>path</c>*, <c>func</c>*, <c>meta.router</c>) entries
/// (docs/registry.md#httpservice). What needs other entries (references, services, duplicate routes) is
/// <see cref="HttpRouteChecks"/>'s.
/// </summary>
internal static class HttpReader
{
    private static readonly string[] ServiceFields = { "name", "kind", "meta", "addr" };
    private static readonly string[] RouterFields = { "name", "kind", "meta", "prefix" };
    private static readonly string[] EndpointFields = { "name", "kind", "meta", "method", "path", "func" };

    /// <summary>The methods an endpoint may have, in the order messages list them.</summary>
    public static IReadOnlyList<string> Methods { get; } = new[] { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

    public static HttpServiceEntry ReadService(FieldReader entry, EntryHeader header)
    {
        entry.ReportUnknown(ServiceFields, header.Kind);
        var address = entry.String("addr", HttpAddress.Hint, required: true);
        if (address is not null && HttpAddress.Problem(address) is { } problem)
        {
            entry.Context.Report(
                RegistryDiagnosticIds.InvalidHttpAddress,
                $"{entry.Owner}: 'addr' is not a listen address ('{address}': {problem}); write {HttpAddress.Hint}",
                entry.PositionOf("addr"));
            address = null;
        }

        return new HttpServiceEntry { Address = address };
    }

    public static HttpRouterEntry ReadRouter(FieldReader entry, EntryHeader header)
    {
        entry.ReportUnknown(RouterFields, header.Kind);
        var written = entry.String("prefix", "\"prefix: /api\"");
        // "/api/" is "/api"; "/" alone is no prefix
        var prefix = written is null || written == "/" ? "" : written.EndsWith("/", StringComparison.Ordinal) ? written.Substring(0, written.Length - 1) : written;
        if (prefix.Length > 0 && !IsValidPath(entry, "prefix", prefix, written!, allowRoot: false))
        {
            prefix = "";
        }

        return new HttpRouterEntry
        {
            Prefix = prefix,
            Server = MetaReference(header, "server", "\"meta: { server: api }\" (an http.service entry)"),
        };
    }

    public static HttpEndpointEntry ReadEndpoint(FieldReader entry, EntryHeader header)
    {
        entry.ReportUnknown(EndpointFields, header.Kind);
        var path = entry.String("path", "\"path: /api/greet\"", required: true);
        return new HttpEndpointEntry
        {
            Method = ReadMethod(entry),
            Path = path is not null && IsValidPath(entry, "path", path, path) ? path : null,
            Func = ReferenceReader.Read(entry, "func", "\"func: greet\" (a function.wat or function.wasm entry with transport: wasi-http)"),
            Router = MetaReference(header, "router", "\"meta: { router: api }\" (an http.router entry)"),
        };
    }

    private static string? ReadMethod(FieldReader entry)
    {
        var method = entry.String("method", "\"method: GET\"", required: true);
        if (method is null) return null;
        var upper = method.ToUpperInvariant();
        if (Methods.Contains(upper, StringComparer.Ordinal)) return upper;
        entry.Context.Report(
            RegistryDiagnosticIds.InvalidHttpMethod,
            $"{entry.Owner}: 'method' is not an HTTP method this runtime serves ('{method}'); write one of {string.Join(", ", Methods)}, e.g. \"method: POST\"",
            entry.PositionOf("method"));
        return null;
    }

    /// <summary>Checks a <c>path</c> or <c>prefix</c> (<see cref="HttpPath"/>), reporting what is wrong, as <paramref name="written"/>, and what to write.</summary>
    private static bool IsValidPath(FieldReader entry, string key, string path, string written, bool allowRoot = true)
    {
        if (HttpPath.Check(path, allowRoot) is not { } problem) return true;
        entry.Context.Report(
            RegistryDiagnosticIds.InvalidHttpPath,
            $"{entry.Owner}: '{key}' {problem.Problem} ('{written}'); write \"{key}: {problem.Fix}\"",
            entry.PositionOf(key));
        return false;
    }

    /// <summary>An optional reference in the entry's <c>meta</c> block (<c>meta.server</c>, <c>meta.router</c>).</summary>
    private static EntryRef? MetaReference(EntryHeader header, string key, string hint) =>
        header.MetaFields is { } meta && meta.Find(key) is not null ? ReferenceReader.Read(meta, key, hint, required: false) : null;
}
