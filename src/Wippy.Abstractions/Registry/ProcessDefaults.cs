namespace Wippy.Registry;

/// <summary>What a <c>process.wasm</c> entry gets when it does not say (docs/registry.md#processwasm).</summary>
public static class ProcessDefaults
{
    /// <summary>The export a process runs when the entry names no <c>method</c>.</summary>
    public const string Method = "main";

    /// <summary>
    /// What a process without <c>method</c> runs when its component has no <c>main</c> but exports the standard
    /// <c>wasi:cli/run</c> (any 0.2.x version): a WASI command, run as <c>wasmtime run</c> runs it.
    /// </summary>
    public const string CliRunMethod = "wasi:cli/run#run";

    /// <summary>Whether <paramref name="key"/>, a component function's full name, is the standard <c>wasi:cli/run#run</c> (0.2.x).</summary>
    public static bool IsCliRun(string key) => Wasi02Export.Is(key, "wasi:cli/run", "run");

    /// <summary>Names a <c>meta.command</c> cannot take: <c>run &lt;name&gt;</c> already means something for them.</summary>
    public static IReadOnlyCollection<string> ReservedCommandNames { get; } = new HashSet<string>(StringComparer.Ordinal) { "list" };
}
