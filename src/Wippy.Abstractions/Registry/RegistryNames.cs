using System.Text;

namespace Wippy.Registry;

/// <summary>
/// The syntax of namespaces and entry names. A namespace is dot-separated segments of lowercase letters, digits,
/// <c>_</c> and <c>-</c> (<c>app.api.v2</c>); an entry name is letters, digits, <c>_</c>, <c>-</c> and <c>.</c>
/// (<c>greet_wasm</c>). Neither may hold <c>:</c>, which separates them in an id.
/// </summary>
public static class RegistryNames
{
    /// <summary>Whether <paramref name="ns"/> is a valid namespace.</summary>
    /// <param name="ns">A namespace such as <c>app.api.v2</c>.</param>
    public static bool IsValidNamespace(string ns)
    {
        if (ns.Length == 0)
        {
            return false;
        }

        foreach (var segment in ns.Split('.'))
        {
            if (segment.Length == 0)
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!IsLowerWordChar(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a valid entry name.</summary>
    /// <param name="name">An entry name such as <c>greet_wasm</c>.</param>
    public static bool IsValidEntryName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsLowerWordChar(c) || (c >= 'A' && c <= 'Z') || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A valid namespace close to <paramref name="ns"/>, for messages (lowercased, other characters turned into <c>_</c>).</summary>
    internal static string SuggestNamespace(string ns)
    {
        var builder = new StringBuilder();
        foreach (var segment in ns.ToLowerInvariant().Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            foreach (var c in segment)
            {
                builder.Append(IsLowerWordChar(c) ? c : '_');
            }
        }

        return builder.Length == 0 ? "app" : builder.ToString();
    }

    /// <summary>A valid entry name close to <paramref name="name"/>, for messages.</summary>
    internal static string SuggestEntryName(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            builder.Append(IsLowerWordChar(c) || (c >= 'A' && c <= 'Z') || c == '.' ? c : '_');
        }

        return builder.Length == 0 ? "answer" : builder.ToString();
    }

    private static bool IsLowerWordChar(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
