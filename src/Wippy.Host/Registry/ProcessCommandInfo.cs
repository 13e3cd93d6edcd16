namespace Wippy.Host.Registry;

/// <summary>
/// A <c>process.wasm</c> entry's <c>meta.command</c>: the app runs the entry as <c>&lt;app&gt; run &lt;Name&gt;
/// [args…]</c> (docs/processes.md#commands).
/// </summary>
/// <param name="Name">The command's name on the command line.</param>
/// <param name="Short">Its one-line description for <c>run list</c> and <c>--help</c>, or null.</param>
public sealed record ProcessCommandInfo(string Name, string? Short);
