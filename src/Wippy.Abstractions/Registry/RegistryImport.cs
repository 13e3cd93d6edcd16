using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>One name of an entry's <c>imports</c> list (docs/registry.md#imports).</summary>
/// <param name="Raw">The name as written, such as <c>WASI:IO@0.2.0</c>.</param>
/// <param name="Name">
/// The normalized name: one of <see cref="ImportNames.Wasi02"/> (lowercased, <c>@version</c> stripped), or
/// <see cref="ImportNames.Preview1"/> for any preview1 alias.
/// </param>
/// <param name="Position">Where the name is written.</param>
public sealed record RegistryImport(string Raw, string Name, SourcePosition Position)
{
    /// <summary>Whether this is the WASI preview1 import (core modules).</summary>
    public bool IsPreview1 => string.Equals(Name, ImportNames.Preview1, StringComparison.Ordinal);
}
