using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// A reference to another entry as written (<c>fs: myns:assets</c>, <c>func: greet_wasm</c>) and the id it resolves
/// to: a reference without <c>:</c> names an entry of the referring file's namespace.
/// </summary>
/// <param name="Raw">The text as written.</param>
/// <param name="Id">The full id, <c>namespace:name</c>.</param>
/// <param name="Position">Where the reference is written.</param>
public sealed record EntryRef(string Raw, string Id, SourcePosition Position)
{
    /// <summary>The namespace part of <see cref="Id"/>.</summary>
    public string Namespace => Id.Substring(0, Id.IndexOf(':'));

    /// <summary>The name part of <see cref="Id"/>.</summary>
    public string Name => Id.Substring(Id.IndexOf(':') + 1);

    /// <summary>
    /// Resolves <paramref name="raw"/> against <paramref name="currentNamespace"/>. Returns <see langword="false"/>
    /// when it is malformed: empty, containing white space, more than one <c>:</c>, or an empty side of <c>:</c>.
    /// </summary>
    /// <param name="raw">The reference as written.</param>
    /// <param name="currentNamespace">The namespace of the file that holds the reference.</param>
    /// <param name="id">The full id when the reference is well formed.</param>
    public static bool TryResolve(string raw, string currentNamespace, out string id)
    {
        id = string.Empty;
        if (raw.Length == 0)
        {
            return false;
        }

        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        var colon = raw.IndexOf(':');
        if (colon < 0)
        {
            id = currentNamespace + ":" + raw;
            return true;
        }

        if (colon == 0 || colon == raw.Length - 1 || raw.IndexOf(':', colon + 1) >= 0)
        {
            return false;
        }

        id = raw;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
