using System.Globalization;

namespace Wippy.Registry;

/// <summary>Reads a function's <c>limits</c> block (docs/registry.md#limits): every number must be positive.</summary>
internal static class LimitsReader
{
    private static readonly string[] Known = { "max_execution_ms", "max_memory_bytes", "max_retained_memory_bytes" };

    public static LimitsConfig Read(FieldReader entry) => Read(entry, Known, "limits");

    /// <summary>Reads <c>limits</c> accepting only the fields in <paramref name="known"/> (the others are warned as unknown, named as <paramref name="what"/>).</summary>
    public static LimitsConfig Read(FieldReader entry, IReadOnlyList<string> known, string what)
    {
        var limits = entry.Map("limits", "\"limits: { max_execution_ms: 5000 }\"");
        if (limits is null)
        {
            return LimitsConfig.None;
        }

        limits.ReportUnknown(known, what);
        return new LimitsConfig(
            Has(known, "max_execution_ms") ? Positive(limits, "max_execution_ms", "\"max_execution_ms: 5000\" (milliseconds)") : null,
            Has(known, "max_memory_bytes") ? Positive(limits, "max_memory_bytes", "\"max_memory_bytes: 67108864\" (64 MiB)") : null,
            Has(known, "max_retained_memory_bytes") ? Positive(limits, "max_retained_memory_bytes", "\"max_retained_memory_bytes: 67108864\" (64 MiB)") : null,
            limits.Position);
    }

    private static long? Positive(FieldReader limits, string key, string hint)
    {
        var value = limits.Integer(key, hint, long.MaxValue);
        if (value is null)
        {
            return null;
        }

        if (value <= 0)
        {
            limits.Context.Report(
                RegistryDiagnosticIds.InvalidLimit,
                $"{limits.Owner}: '{limits.PathOf(key)}' must be greater than 0 (got {value.Value.ToString(CultureInfo.InvariantCulture)}); write e.g. {hint}, or remove it for no limit",
                limits.PositionOf(key));
            return null;
        }

        return value;
    }

    private static bool Has(IReadOnlyList<string> known, string key)
    {
        foreach (var k in known)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
