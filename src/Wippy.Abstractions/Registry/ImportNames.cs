namespace Wippy.Registry;

/// <summary>The host import names an entry may declare in <c>imports</c> (docs/registry.md#imports).</summary>
public static class ImportNames
{
    /// <summary>The normalized name of the WASI preview1 import, which every preview1 alias maps to.</summary>
    public const string Preview1 = "wasi_snapshot_preview1";

    /// <summary>The WASI 0.2 interface groups, in the order of docs/registry.md#imports.</summary>
    public static IReadOnlyList<string> Wasi02 { get; } = new[]
    {
        "wasi:cli", "wasi:io", "wasi:poll", "wasi:clocks", "wasi:filesystem", "wasi:random", "wasi:sockets", "wasi:http",
    };

    /// <summary>The interface groups of this runtime's own (not WASI): <c>wippy:actor</c>, a process's mailbox (docs/processes.md).</summary>
    public static IReadOnlyList<string> Wippy { get; } = new[] { "wippy:actor" };

    /// <summary>The names core modules may use for WASI preview1.</summary>
    public static IReadOnlyList<string> Preview1Aliases { get; } = new[] { "wasi1", "wasi-preview1", "preview1", Preview1 };

    /// <summary>Every accepted name (for messages): <see cref="Wasi02"/>, <see cref="Wippy"/>, then <see cref="Preview1Aliases"/>.</summary>
    public static IReadOnlyList<string> All { get; } = Concat(Concat(Wasi02, Wippy), Preview1Aliases);

    /// <summary>
    /// Normalizes an import name: case-insensitive, any <c>@version</c> stripped, preview1 aliases mapped to
    /// <see cref="Preview1"/>. Returns <see langword="false"/> for an unknown name.
    /// </summary>
    /// <param name="raw">The name as written.</param>
    /// <param name="name">The normalized name when known.</param>
    public static bool TryNormalize(string raw, out string name)
    {
        var text = raw.Trim();
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            text = text.Substring(0, at);
        }

        text = text.ToLowerInvariant();
        foreach (var known in Wasi02)
        {
            if (string.Equals(known, text, StringComparison.Ordinal))
            {
                name = known;
                return true;
            }
        }

        foreach (var known in Wippy)
        {
            if (string.Equals(known, text, StringComparison.Ordinal))
            {
                name = known;
                return true;
            }
        }

        foreach (var alias in Preview1Aliases)
        {
            if (string.Equals(alias, text, StringComparison.Ordinal))
            {
                name = Preview1;
                return true;
            }
        }

        name = string.Empty;
        return false;
    }

    private static string[] Concat(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var result = new string[a.Count + b.Count];
        for (var i = 0; i < a.Count; i++)
        {
            result[i] = a[i];
        }

        for (var i = 0; i < b.Count; i++)
        {
            result[a.Count + i] = b[i];
        }

        return result;
    }
}
