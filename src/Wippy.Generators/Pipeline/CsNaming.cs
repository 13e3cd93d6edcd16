using System.Text;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// Mechanical names for emitted C#: kebab-case and snake_case become PascalCase or camelCase; C# keywords
/// and names that would collide with generated locals or members are made safe.
/// </summary>
internal static class CsNaming
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>Locals of the emitted methods: a parameter with one of these names gets an <c>Arg</c> suffix.</summary>
    private static readonly HashSet<string> ReservedLocals = new(StringComparer.Ordinal)
    {
        "call", "function", "flat", "args", "ret", "result", "writer", "cancellationToken", "runtime", "value", "what",
        "ptr", "at", "i", "items", "json",
    };

    /// <summary>Members every record has: a field or case with one of these names gets a suffix.</summary>
    private static readonly HashSet<string> RecordMembers = new(StringComparer.Ordinal)
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize", "Value",
    };

    /// <summary><c>transform-users</c> or <c>transform_users</c> → <c>TransformUsers</c>; <c>http-1</c> → <c>Http1</c>.</summary>
    public static string Pascal(string name)
    {
        var sb = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c == '-' || c == '_' || c == '.' || c == ' ')
            {
                upper = true;
                continue;
            }
            if (!char.IsLetterOrDigit(c)) continue;
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        if (sb.Length == 0) sb.Append('_');
        if (char.IsDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }

    /// <summary>camelCase for parameters, escaped with <c>@</c> when it is a keyword, suffixed when it is a generated local.</summary>
    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        if (ReservedLocals.Contains(camel)) return camel + "Arg";
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>A property or nested type name inside <paramref name="container"/> that cannot collide with it or with record members.</summary>
    public static string Member(string witName, string container, string suffix)
    {
        var name = Pascal(witName);
        return name == container || RecordMembers.Contains(name) ? name + suffix : name;
    }
}
