using System.Globalization;
using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>Reads a function's <c>pool</c> block into an effective <see cref="PoolConfig"/> (docs/registry.md#pools).</summary>
internal static class PoolReader
{
    private static readonly string[] Known = { "type", "size", "workers", "buffer", "max_size", "warm_start" };

    public static PoolConfig Read(FieldReader entry)
    {
        var pool = entry.Map("pool", "\"pool: { type: lazy, max_size: 8 }\"");
        if (pool is null)
        {
            return PoolConfig.Default;
        }

        pool.ReportUnknown(Known, "a pool");
        var typeText = pool.String("type", "\"type: lazy\" (one of inline, lazy, static, adaptive)");
        PoolType? type = null;
        if (typeText is not null)
        {
            if (PoolConfig.TryParseType(typeText, out var parsed))
            {
                type = parsed;
            }
            else
            {
                pool.Context.Report(
                    RegistryDiagnosticIds.InvalidPoolType,
                    $"{pool.Owner}: unknown pool type '{typeText}'; write one of inline, lazy, static, adaptive (or leave type out to choose from the numbers)",
                    pool.PositionOf("type"));
            }
        }

        var size = Count(pool, "size", "\"size: 4\"", PoolConfig.MaxInstances);
        var workers = Count(pool, "workers", "\"workers: 2\"", PoolConfig.MaxInstances);
        var buffer = Count(pool, "buffer", "\"buffer: 128\"", int.MaxValue);
        var maxSize = Count(pool, "max_size", "\"max_size: 8\"", PoolConfig.MaxInstances);
        var warmStart = pool.Boolean("warm_start", "\"warm_start: true\"") ?? false;
        return PoolConfig.Resolve(typeText, type, size, workers, buffer, maxSize, warmStart, pool.Position);
    }

    /// <summary>
    /// A pool number, 0 or more, and at most <paramref name="max"/>: instance counts are capped at
    /// <see cref="PoolConfig.MaxInstances"/> because a pool reserves a slot per instance when it is made; <c>buffer</c>
    /// (a queue length, nothing reserved) may go up to <see cref="int.MaxValue"/>.
    /// </summary>
    private static int Count(FieldReader pool, string key, string hint, int max)
    {
        var value = pool.Integer(key, hint, int.MaxValue);
        if (value is null)
        {
            return 0;
        }

        if (value < 0)
        {
            pool.Context.Report(
                RegistryDiagnosticIds.NegativePoolNumber,
                $"{pool.Owner}: '{pool.PathOf(key)}' must not be negative; write 0 or more, e.g. {hint}",
                pool.PositionOf(key));
            return 0;
        }

        if (value > max)
        {
            pool.Context.Report(
                SafetyDiagnosticIds.NumberOutOfRange,
                $"{pool.Owner}: '{pool.PathOf(key)}' is {value.Value.ToString(CultureInfo.InvariantCulture)}, more instances than a pool may have; write 0 to {max.ToString(CultureInfo.InvariantCulture)}, e.g. {hint}",
                pool.PositionOf(key));
            return 0;
        }

        return (int)value.Value;
    }
}
