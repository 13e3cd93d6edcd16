using System.Text;

namespace Wippy.Wit;

/// <summary>
/// Turns WIT kebab-case names into C# names, mechanically (as wit-bindgen does): <c>transform-users</c> →
/// <c>TransformUsers</c> / <c>transformUsers</c>, <c>http-1</c> → <c>Http1</c>. Each word keeps its first
/// letter upper-cased and the rest lower-cased, so acronym words fold too: <c>HTTP-request-URI</c> →
/// <c>HttpRequestUri</c>. A leading <c>%</c> is ignored.
/// </summary>
public static class WitNames
{
    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit",
        "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
        "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed",
        "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary><c>transform-users</c> → <c>TransformUsers</c>. A result that would start with a digit gets a leading <c>_</c>.</summary>
    /// <param name="kebab">A WIT name.</param>
    public static string ToPascalCase(string kebab) => Join(kebab, capitalizeFirst: true);

    /// <summary><c>transform-users</c> → <c>transformUsers</c>. A result that would start with a digit gets a leading <c>_</c>.</summary>
    /// <param name="kebab">A WIT name.</param>
    public static string ToCamelCase(string kebab) => Join(kebab, capitalizeFirst: false);

    /// <summary>True when <paramref name="identifier"/> is a reserved C# keyword (contextual keywords such as <c>value</c> or <c>record</c> are not).</summary>
    /// <param name="identifier">A C# identifier.</param>
    public static bool IsCSharpKeyword(string identifier) => CSharpKeywords.Contains(identifier);

    /// <summary>
    /// Makes <paramref name="identifier"/> usable as a C# identifier: a reserved keyword gets the verbatim
    /// prefix <c>@</c> (<c>class</c> → <c>@class</c>), which keeps the name exactly as written; anything
    /// else is returned as it is.
    /// </summary>
    /// <param name="identifier">A C# identifier, typically from <see cref="ToCamelCase"/>.</param>
    public static string ToSafeIdentifier(string identifier) => IsCSharpKeyword(identifier) ? "@" + identifier : identifier;

    private static string Join(string kebab, bool capitalizeFirst)
    {
        var result = new StringBuilder(kebab.Length);
        bool first = true;
        foreach (string word in kebab.TrimStart('%').Split('-'))
        {
            if (word.Length == 0) continue;
            bool upper = capitalizeFirst || !first;
            result.Append(upper ? char.ToUpperInvariant(word[0]) : char.ToLowerInvariant(word[0]));
            for (int i = 1; i < word.Length; i++) result.Append(char.ToLowerInvariant(word[i]));
            first = false;
        }
        if (result.Length > 0 && result[0] >= '0' && result[0] <= '9') result.Insert(0, '_');
        return result.ToString();
    }
}
