namespace Wippy.Diagnostics;

/// <summary>
/// The ids of the diagnostics for inputs the build refuses because they would crash the compiler or the build step,
/// fail only at run time, or reach outside the project (<c>WIPPY0300</c>–<c>WIPPY0399</c>): nesting too deep, numbers
/// out of the range the runtime can honour, storage router cycles, paths that leave the project, and names that
/// cannot become C#. Each is an error; see docs/diagnostics.md.
/// </summary>
public static class SafetyDiagnosticIds
{
    /// <summary>A YAML registry file nests maps and lists deeper than <see cref="Wippy.Registry.RegistryParser.MaxNestingDepth"/> levels.</summary>
    public const string YamlTooDeep = "WIPPY0300";

    /// <summary>A WIT type nests deeper than <see cref="Wippy.Wit.WitParser.MaxTypeNestingDepth"/> levels (<c>list&lt;list&lt;…&gt;&gt;</c>).</summary>
    public const string WitTooDeep = "WIPPY0301";

    /// <summary>A <c>limits</c> or <c>pool</c> number is outside the range the runtime can honour (the message gives the range).</summary>
    public const string NumberOutOfRange = "WIPPY0302";

    /// <summary>An <c>env.storage.router</c> whose <c>storages</c> reach the router itself again.</summary>
    public const string StorageRouterCycle = "WIPPY0303";

    /// <summary>A <c>file://</c> reference or an fs directory that resolves outside the registry root (the project directory).</summary>
    public const string PathOutsideRoot = "WIPPY0304";
}
