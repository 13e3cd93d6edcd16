using System.Text;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// Mechanical names for emitted C#: kebab-case and snake_case become PascalCase or camelCase; C# keywords
/// and names that would collide with generated locals or members are made safe.
/// </summary>
internal static class CsNaming
{
    /// <summary>Locals of the emitted methods: a parameter with one of these names gets an <c>Arg</c> suffix.</summary>
    private static readonly HashSet<string> ReservedLocals = new(StringComparer.Ordinal)
    {
        "call", "function", "flat", "args", "ret", "result", "writer", "cancellationToken", "runtime", "value", "what",
        "ptr", "at", "i", "items", "json", "begin", "exception", "results", "implementation", "valueError",
        "first", "count", "spawnOptions", // the Lua binders' stack slots, a process's spawn options
        "frame", "slots", // the core adapters of imports
    };

    /// <summary>
    /// Members every record has (and <c>Clone</c>, which C# forbids in records): a field, a case or a flag with one of
    /// these names gets a suffix, and so does a type (a record cannot be named like one of its own members).
    /// </summary>
    private static readonly HashSet<string> RecordMembers = new(StringComparer.Ordinal)
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize",
        "Clone", "ReferenceEquals",
    };

    /// <summary>Members every object has: a proxy method (an entry) with one of these names gets a suffix.</summary>
    private static readonly HashSet<string> ObjectMembers = new(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>The suffixes of the classes generated per namespace beside the proxy class (<c>AppFunctionsJson</c>…).</summary>
    private static readonly string[] GeneratedClassSuffixes = { "", "Json", "Lua", "Abi", "Components", "Registration" };

    /// <summary>The proxy class of a registry namespace: its last dotted segment in PascalCase and <c>Functions</c> (<c>app.types</c> → <c>TypesFunctions</c>).</summary>
    public static string ProxyClass(string registryNamespace) =>
        Pascal(registryNamespace.Substring(registryNamespace.LastIndexOf('.') + 1)) + "Functions";

    /// <summary>
    /// The proxy method of an entry: its name in PascalCase, with a <c>Function</c> suffix when that is a member every
    /// object has (<c>get_type</c> → <c>GetTypeFunction</c>) or the name of a class generated for the namespace
    /// (in namespace <c>app</c>, <c>app_functions</c> → <c>AppFunctionsFunction</c>).
    /// </summary>
    public static string EntryMethod(string entryName, string registryNamespace)
    {
        var name = Pascal(entryName);
        return ObjectMembers.Contains(name) || IsGeneratedClass(name, registryNamespace) ? name + "Function" : name;
    }

    /// <summary>
    /// The C# type of a named WIT type of a namespace: its name in PascalCase, with a <c>Type</c> suffix when that is
    /// the name of a class generated for the namespace (<c>reg-functions</c> in namespace <c>reg</c> → <c>RegFunctionsType</c>)
    /// or of a record's own member (<c>to-string</c> → <c>ToStringType</c>).
    /// </summary>
    public static string TypeName(string witName, string registryNamespace)
    {
        var name = Pascal(witName);
        return RecordMembers.Contains(name) || IsGeneratedClass(name, registryNamespace) ? name + "Type" : name;
    }

    private static bool IsGeneratedClass(string name, string registryNamespace)
    {
        var proxy = ProxyClass(registryNamespace);
        foreach (var suffix in GeneratedClassSuffixes)
        {
            if (string.Equals(name, proxy + suffix, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// <c>transform-users</c> or <c>transform_users</c> → <c>TransformUsers</c>; <c>http-1</c> → <c>Http1</c>.
    /// WIT names follow <see cref="WitNames"/>; registry names may also separate words with '_' or '.'.
    /// </summary>
    public static string Pascal(string name)
    {
        var kebab = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) && c < 128) kebab.Append(c);
            else if (c is '-' or '_' or '.' or ' ') kebab.Append('-');
        }
        var pascal = WitNames.ToPascalCase(kebab.ToString());
        return pascal.Length == 0 ? "_" : pascal;
    }

    /// <summary>camelCase for parameters, escaped with <c>@</c> when it is a keyword, suffixed when it is a generated local.</summary>
    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        if (ReservedLocals.Contains(camel)) return camel + "Arg";
        return WitNames.ToSafeIdentifier(camel);
    }

    /// <summary>A property or nested type name inside <paramref name="container"/> that cannot collide with it or with record members.</summary>
    public static string Member(string witName, string container, string suffix)
    {
        var name = Pascal(witName);
        return name == container || RecordMembers.Contains(name) ? name + suffix : name;
    }

    /// <summary>
    /// A variant case's nested type name: as <see cref="Member"/>, and never <c>Value</c>, the name of every
    /// case's payload property.
    /// </summary>
    public static string VariantCase(string witName, string variant)
    {
        var name = Member(witName, variant, "Case");
        return name == "Value" ? "ValueCase" : name;
    }
}
