using System.Text;

namespace Wippy.Registry;

/// <summary>
/// The syntax of the Lua names a <c>function.lua</c> declares: its <c>method</c> is a Lua identifier (letters,
/// digits and <c>_</c>, not starting with a digit, not a keyword); a <c>modules</c> name is dot-separated segments
/// of letters, digits and <c>_</c> (<c>json</c>, <c>app.utils</c>).
/// </summary>
public static class LuaNames
{
    /// <summary>The reserved words of Lua 5.4 (they cannot name a function).</summary>
    public static IReadOnlyList<string> Keywords { get; } = new[]
    {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    };

    /// <summary>Whether <paramref name="name"/> is a Lua identifier (<c>[A-Za-z_][A-Za-z0-9_]*</c>, not a keyword).</summary>
    /// <param name="name">A function name such as <c>transform_users</c>.</param>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || IsDigit(name[0]) || IsKeyword(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsWordChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a Lua 5.4 reserved word.</summary>
    /// <param name="name">A name such as <c>end</c>.</param>
    public static bool IsKeyword(string name)
    {
        foreach (var keyword in Keywords)
        {
            if (string.Equals(keyword, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="name"/> is a module name: non-empty dot-separated segments of letters, digits and <c>_</c>.</summary>
    /// <param name="name">A module name such as <c>json</c> or <c>app.utils</c>.</param>
    public static bool IsModuleName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var segment in name.Split('.'))
        {
            if (segment.Length == 0)
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!IsWordChar(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A valid identifier close to <paramref name="name"/>, for messages (other characters turned into <c>_</c>).</summary>
    /// <param name="name">The invalid name.</param>
    public static string SuggestIdentifier(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name.Trim())
        {
            builder.Append(IsWordChar(c) ? c : '_');
        }

        if (builder.Length == 0 || IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var suggestion = builder.ToString();
        return IsKeyword(suggestion) ? suggestion + "_" : suggestion;
    }

    /// <summary>A valid module name close to <paramref name="name"/>, for messages (other characters turned into <c>_</c>, empty segments dropped).</summary>
    /// <param name="name">The invalid name.</param>
    public static string SuggestModuleName(string name)
    {
        var segments = new List<string>();
        foreach (var segment in name.Trim().Split('.'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            var builder = new StringBuilder(segment.Length);
            foreach (var c in segment)
            {
                builder.Append(IsWordChar(c) ? c : '_');
            }

            segments.Add(builder.ToString());
        }

        return segments.Count == 0 ? "json" : string.Join(".", segments);
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsWordChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';
}
