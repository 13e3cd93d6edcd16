namespace Wippy.Registry;

/// <summary>What a <c>process.wasm</c> entry gets when it does not say (docs/registry.md#processwasm).</summary>
public static class ProcessDefaults
{
    /// <summary>The export a process runs when the entry names no <c>method</c>.</summary>
    public const string Method = "main";

    /// <summary>Names a <c>meta.command</c> cannot take: <c>run &lt;name&gt;</c> already means something for them.</summary>
    public static IReadOnlyCollection<string> ReservedCommandNames { get; } = new HashSet<string>(StringComparer.Ordinal) { "list" };
}
