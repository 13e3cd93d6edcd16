using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// A function's <c>pool</c> block with its effective type and numbers (docs/registry.md#pools). Build one with
/// <see cref="Resolve"/>; a function without a <c>pool</c> block gets <see cref="Default"/>.
/// </summary>
public sealed record PoolConfig
{
    /// <summary>The maximum of a lazy pool chosen because <c>type</c> was absent and <c>max_size</c> was not given (docs/registry.md#pools).</summary>
    public const int DefaultAutoMaxSize = 100;

    /// <summary>The maximum of an explicit <c>lazy</c> or <c>adaptive</c> pool without <c>max_size</c>.</summary>
    public const int DefaultExplicitMaxSize = 16;

    /// <summary>The workers of an explicit <c>static</c> pool with neither <c>workers</c> nor <c>size</c>.</summary>
    public const int DefaultStaticWorkers = 8;

    /// <summary>
    /// The largest <c>size</c>, <c>workers</c> and <c>max_size</c>: a pool reserves a slot per instance when it is
    /// made, and each instance is a WebAssembly store or a Lua state, so larger numbers only exhaust memory.
    /// </summary>
    public const int MaxInstances = 10_000;

    /// <summary>The queue slots per worker of a static pool without <c>buffer</c>.</summary>
    public const int BufferPerWorker = 64;

    /// <summary>The pool of a function that has no <c>pool</c> block: lazy, at most <see cref="DefaultAutoMaxSize"/> workers.</summary>
    public static PoolConfig Default { get; } = Resolve(null, null, 0, 0, 0, 0, false, null);

    /// <summary>The <c>type</c> as written, or <see langword="null"/> when absent.</summary>
    public string? Type { get; init; }

    /// <summary>The type the pool will have: the written one, or the one chosen from the numbers when absent.</summary>
    public PoolType EffectiveType { get; init; }

    /// <summary><c>size</c> as written (0 when absent).</summary>
    public int Size { get; init; }

    /// <summary>For a static pool, the effective worker count; otherwise <c>workers</c> as written (0 when absent).</summary>
    public int Workers { get; init; }

    /// <summary>For a static pool, the effective queue length (default <c>workers × 64</c>); otherwise <c>buffer</c> as written.</summary>
    public int Buffer { get; init; }

    /// <summary>For a lazy or adaptive pool, the effective maximum; otherwise <c>max_size</c> as written.</summary>
    public int MaxSize { get; init; }

    /// <summary><c>warm_start</c>: an adaptive pool pre-instantiates its initial workers.</summary>
    public bool WarmStart { get; init; }

    /// <summary>Where the <c>pool</c> block is, or <see langword="null"/> when the function has none.</summary>
    public SourcePosition? Position { get; init; }

    /// <summary>Parses a <c>type</c> value (<c>inline</c>, <c>lazy</c>, <c>static</c>, <c>adaptive</c>; exact lowercase).</summary>
    /// <param name="text">The value as written.</param>
    /// <param name="type">The type when known.</param>
    public static bool TryParseType(string text, out PoolType type)
    {
        switch (text)
        {
            case "inline": type = PoolType.Inline; return true;
            case "lazy": type = PoolType.Lazy; return true;
            case "static": type = PoolType.Static; return true;
            case "adaptive": type = PoolType.Adaptive; return true;
            default: type = PoolType.Lazy; return false;
        }
    }

    /// <summary>
    /// Computes the effective pool from the written fields (absent numbers are 0; numbers must not be negative).
    /// </summary>
    /// <remarks>
    /// The rules of docs/registry.md#pools:
    /// <list type="bullet">
    /// <item><c>type</c> absent and <c>workers == 0 &amp;&amp; (size == 0 || max_size &gt; 0)</c> → lazy, maximum
    /// <c>max_size</c> or 100 (the default maximum of 100 applies to this automatically chosen pool only;
    /// no <c>pool</c> block at all lands here too).</item>
    /// <item><c>type</c> absent and <c>workers &gt; 0</c> → static with those workers.</item>
    /// <item><c>type</c> absent, only <c>size</c> (<c>size &gt; 0</c>, no workers, no max_size) → inline.</item>
    /// <item>Explicit <c>lazy</c> / <c>adaptive</c>: maximum <c>max_size</c> or 16.</item>
    /// <item>Explicit <c>static</c>: workers <c>workers</c>, else <c>size</c>, else 8.</item>
    /// <item>Any static pool: queue <c>buffer</c>, else <c>workers × 64</c>.</item>
    /// </list>
    /// Numbers that do not apply to the chosen type are kept as written.
    /// </remarks>
    /// <param name="typeText">The <c>type</c> as written, or <see langword="null"/>.</param>
    /// <param name="explicitType">The parsed <c>type</c>, or <see langword="null"/> when absent (or unknown: then the absent-type rules apply).</param>
    /// <param name="size"><c>size</c>, 0 when absent.</param>
    /// <param name="workers"><c>workers</c>, 0 when absent.</param>
    /// <param name="buffer"><c>buffer</c>, 0 when absent.</param>
    /// <param name="maxSize"><c>max_size</c>, 0 when absent.</param>
    /// <param name="warmStart"><c>warm_start</c>.</param>
    /// <param name="position">Where the block is.</param>
    public static PoolConfig Resolve(
        string? typeText, PoolType? explicitType, int size, int workers, int buffer, int maxSize, bool warmStart, SourcePosition? position)
    {
        PoolType effective;
        if (explicitType is { } t)
        {
            effective = t;
        }
        else if (workers == 0 && (size == 0 || maxSize > 0))
        {
            effective = PoolType.Lazy;
            maxSize = maxSize > 0 ? maxSize : DefaultAutoMaxSize;
        }
        else if (workers > 0)
        {
            effective = PoolType.Static;
        }
        else
        {
            effective = PoolType.Inline;
        }

        if ((explicitType is PoolType.Lazy or PoolType.Adaptive) && maxSize == 0)
        {
            maxSize = DefaultExplicitMaxSize;
        }

        if (effective == PoolType.Static)
        {
            if (workers == 0)
            {
                workers = size > 0 ? size : DefaultStaticWorkers;
            }

            if (buffer == 0)
            {
                buffer = (int)Math.Min((long)workers * BufferPerWorker, int.MaxValue);
            }
        }

        return new PoolConfig
        {
            Type = typeText,
            EffectiveType = effective,
            Size = size,
            Workers = workers,
            Buffer = buffer,
            MaxSize = maxSize,
            WarmStart = warmStart,
            Position = position,
        };
    }
}
