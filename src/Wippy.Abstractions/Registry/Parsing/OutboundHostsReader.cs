namespace Wippy.Registry;

/// <summary>
/// Reads <c>wasi.allowed_outbound_hosts</c> (docs/registry.md#wasi): a list of host patterns
/// (<see cref="OutboundHostPattern"/>); each item that is not one is an error at its line that says what to write, and
/// is left out (so a mistake never allows more than was meant).
/// </summary>
internal static class OutboundHostsReader
{
    /// <summary>The field's name in the <c>wasi</c> block.</summary>
    public const string Key = "allowed_outbound_hosts";

    private const string Hint = "\"allowed_outbound_hosts: ['https://api.example.com']\"";

    public static IReadOnlyList<OutboundHostPattern> Read(FieldReader wasi)
    {
        var list = wasi.List(Key, Hint);
        if (list is null) return Array.Empty<OutboundHostPattern>();
        var patterns = new List<OutboundHostPattern>();
        foreach (var (text, path, position) in wasi.TextItems(list, Key, "\"- https://api.example.com\""))
        {
            if (OutboundHostPattern.Parse(text, out var problem) is { } pattern)
            {
                patterns.Add(pattern);
                continue;
            }

            wasi.Context.Report(RegistryDiagnosticIds.InvalidOutboundHost, $"{wasi.Owner}: '{path}' (\"{text}\"): {problem}", position);
        }

        return patterns;
    }
}
