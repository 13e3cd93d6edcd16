namespace Wippy.Host.Registry;

/// <summary>Where a function's module comes from: WAT text (inline or from a file, embedded at build time) or a binary in an fs entry.</summary>
public sealed class ModuleSource
{
    private ModuleSource(string? watText, string? watPath, string? fsId, string? path, string? hash)
    {
        WatText = watText;
        WatPath = watPath;
        FsId = fsId;
        Path = path;
        Hash = hash;
    }

    /// <summary>WAT source text, or null for a binary.</summary>
    public string? WatText { get; }

    /// <summary>The WAT file the text came from (for messages), or null when it was inline.</summary>
    public string? WatPath { get; }

    /// <summary>The fs entry holding the binary, or null for WAT.</summary>
    public string? FsId { get; }

    /// <summary>The binary's path inside the fs entry, e.g. <c>/compute.wasm</c>.</summary>
    public string? Path { get; }

    /// <summary>The expected hash, <c>sha256:&lt;64 hex&gt;</c>.</summary>
    public string? Hash { get; }

    /// <summary>True for WAT text.</summary>
    public bool IsWat => WatText is not null;

    /// <summary>WAT text, inline or read from <paramref name="path"/> at build time.</summary>
    public static ModuleSource Wat(string text, string? path = null) => new(text, path, null, null, null);

    /// <summary>A binary at <paramref name="path"/> in the fs entry <paramref name="fsId"/>, checked against <paramref name="hash"/> when loaded.</summary>
    public static ModuleSource FromFs(string fsId, string path, string hash) => new(null, null, fsId, path, hash);

    /// <inheritdoc />
    public override string ToString() => IsWat ? (WatPath ?? "inline WAT") : $"{FsId}:{Path}";
}
