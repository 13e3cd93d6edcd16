namespace Wippy.Host.Registry;

/// <summary>A <c>function.lua</c> entry: Lua 5.4 source, the function to call, the modules it may require.</summary>
/// <param name="id">The entry id.</param>
/// <param name="declaredAt">Where the entry is declared.</param>
public sealed class LuaFunctionDescriptor(string id, string declaredAt) : EntryDescriptor(id, "function.lua", declaredAt)
{
    /// <summary>The Lua source (inline, or the text of its <c>file://</c>, read at build time).</summary>
    public required string Source { get; init; }

    /// <summary>The source file as written (<c>file://pipeline.lua</c>), or null for inline source; used in Lua's error messages.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The function to call: a field of the table the source returns, or a global it defines.</summary>
    public required string Method { get; init; }

    /// <summary>The WIT signature its <c>wit:</c> declares (typed C# proxy), or null.</summary>
    public string? WitSignature { get; init; }

    /// <summary>The WIT definitions of the named types that signature uses, one per line; "" when none.</summary>
    public string WitTypes { get; init; } = "";

    /// <summary>The modules the function may <c>require</c> (<c>funcs</c>…).</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];

    /// <summary>Pool settings: each worker is one Lua state.</summary>
    public PoolSettings Pool { get; init; } = new(PoolType.Lazy, 0, 0, 0, 100, false);

    /// <summary>
    /// Limits: <c>max_execution_ms</c> per call; <c>max_memory_bytes</c> per Lua state (default 256 MiB);
    /// <c>max_retained_memory_bytes</c>, the most a state may hold after a call and be kept warm (default 64 MiB).
    /// </summary>
    public LimitSettings Limits { get; init; } = new(null, null, null);
}
