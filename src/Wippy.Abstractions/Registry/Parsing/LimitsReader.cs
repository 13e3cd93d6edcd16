using System.Globalization;
using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// Reads a function's <c>limits</c> block (docs/registry.md#limits): every number must be positive, and within the
/// range the runtime can honour (<see cref="LimitsConfig.MaxExecutionMsLimit"/>, <see cref="LimitsConfig.MinMemoryBytes"/>).
/// </summary>
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
            Has(known, "max_execution_ms") ? ExecutionMs(limits) : null,
            Has(known, "max_memory_bytes") ? MemoryBytes(limits) : null,
            Has(known, "max_retained_memory_bytes") ? Positive(limits, "max_retained_memory_bytes", "\"max_retained_memory_bytes: 67108864\" (64 MiB)") : null,
            limits.Position);
    }

    /// <summary>
    /// <c>max_execution_ms</c>: at most <see cref="LimitsConfig.MaxExecutionMsLimit"/> (about 24.8 days), the longest
    /// timeout a .NET timer takes in milliseconds as an <see cref="int"/>; a longer one would throw when the call starts.
    /// </summary>
    private static long? ExecutionMs(FieldReader limits)
    {
        const string key = "max_execution_ms";
        var value = Positive(limits, key, "\"max_execution_ms: 5000\" (milliseconds)");
        if (value > LimitsConfig.MaxExecutionMsLimit)
        {
            OutOfRange(limits, key, value.Value,
                $"the longest a call may be given is {LimitsConfig.MaxExecutionMsLimit.ToString(CultureInfo.InvariantCulture)} ms (about 24.8 days); write 1 to {LimitsConfig.MaxExecutionMsLimit.ToString(CultureInfo.InvariantCulture)}, e.g. \"max_execution_ms: 5000\", or remove it for no limit");
            return null;
        }

        return value;
    }

    /// <summary>
    /// <c>max_memory_bytes</c>: at least one WebAssembly page (<see cref="LimitsConfig.MinMemoryBytes"/>), since a
    /// smaller cap cannot hold any memory and every instance would fail to start. Any larger number is accepted (it
    /// need not be a multiple of the page size: memory grows by whole pages, so the cap is in effect rounded down).
    /// </summary>
    private static long? MemoryBytes(FieldReader limits)
    {
        const string key = "max_memory_bytes";
        var value = Positive(limits, key, "\"max_memory_bytes: 67108864\" (64 MiB)");
        if (value < LimitsConfig.MinMemoryBytes)
        {
            OutOfRange(limits, key, value.Value,
                $"below one WebAssembly page; write at least {LimitsConfig.MinMemoryBytes.ToString(CultureInfo.InvariantCulture)} (64 KiB), e.g. \"max_memory_bytes: 16777216\" (16 MiB)");
            return null;
        }

        return value;
    }

    private static void OutOfRange(FieldReader limits, string key, long value, string rule) =>
        limits.Context.Report(
            SafetyDiagnosticIds.NumberOutOfRange,
            $"{limits.Owner}: '{limits.PathOf(key)}' is {value.ToString(CultureInfo.InvariantCulture)}, {rule}",
            limits.PositionOf(key));

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
