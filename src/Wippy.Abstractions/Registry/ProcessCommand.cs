using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>A <c>process.wasm</c> entry's <c>meta.command</c>: run it from the command line as <c>&lt;app&gt; run &lt;name&gt;</c> (docs/registry.md#processwasm).</summary>
/// <param name="Name">The command's name.</param>
/// <param name="Short">The one-line description shown by <c>run list</c>, or <see langword="null"/>.</param>
/// <param name="Position">Where <c>meta.command</c> is.</param>
public sealed record ProcessCommand(string Name, string? Short, SourcePosition Position);
