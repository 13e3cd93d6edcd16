using Wippy.Generators.Model;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>Models of the settings function.wat, function.wasm and function.lua entries share.</summary>
internal static class EntryParts
{
    /// <summary>The effective pool settings (already defaulted by the registry front end).</summary>
    public static PoolModel Pool(PoolConfig pool) =>
        new(pool.EffectiveType.ToString().ToLowerInvariant(), pool.Size, pool.Workers, pool.Buffer, pool.MaxSize, pool.WarmStart);

    /// <summary>The entry's <c>wasi:</c> block, or null when it has none.</summary>
    public static WasiModel? Wasi(WasiConfig wasi) => wasi.Position is null ? null : new WasiModel(
        wasi.Args.ToEquatableArray(),
        wasi.Cwd,
        wasi.Env.Select(e => new WasiEnvModel(e.Id.Id, e.Name, e.Required)).ToEquatableArray(),
        wasi.Mounts.Select(m => new WasiMountModel(m.Fs.Id, m.Guest, m.ReadOnly)).ToEquatableArray(),
        wasi.AllowedOutboundHosts.Select(h => h.ToString()).ToEquatableArray());

    /// <summary>The entry's <c>meta.title</c> and <c>meta.comment</c> after its WIT doc comment, for the proxy's summary.</summary>
    public static string? Docs(FunctionEntry f, string? witDocs)
    {
        var parts = new List<string>();
        if (witDocs is not null) parts.Add(witDocs);
        if (f.Meta.Title is { } title) parts.Add(title);
        if (f.Meta.Comment is { } comment) parts.Add(comment);
        return parts.Count == 0 ? null : string.Join("\n", parts);
    }
}
