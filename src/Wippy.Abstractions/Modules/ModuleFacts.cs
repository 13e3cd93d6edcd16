namespace Wippy.Modules;

/// <summary>What a module binary is: a core module, a component, or unreadable.</summary>
public enum ModuleBinaryKind
{
    /// <summary>A core WebAssembly module.</summary>
    Core,
    /// <summary>A WebAssembly component (Component Model).</summary>
    Component,
}

/// <summary>One export of a core module; for functions, its core parameter and result types (<c>i32</c>, <c>i64</c>, <c>f32</c>, <c>f64</c>, …).</summary>
/// <param name="Name">Export name.</param>
/// <param name="Kind">func, memory, table or global.</param>
/// <param name="Params">Core parameter types of a function export; empty otherwise.</param>
/// <param name="Results">Core result types of a function export; empty otherwise.</param>
public sealed record ModuleExportFact(string Name, string Kind, IReadOnlyList<string> Params, IReadOnlyList<string> Results);

/// <summary>
/// Facts about the module of one function entry, found by the build step (Wippy.Build) from the module's
/// bytes, so the source generator never reads binaries: its kind, its SHA-256 and its exports.
/// </summary>
/// <param name="EntryId">The function entry, e.g. <c>myns:compute</c>.</param>
/// <param name="Binary">Core module or component.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the module's bytes (of the compiled WAT for <c>function.wat</c>).</param>
/// <param name="Exports">The module's exports.</param>
public sealed record ModuleFacts(string EntryId, ModuleBinaryKind Binary, string Sha256, IReadOnlyList<ModuleExportFact> Exports)
{
    /// <summary>The export named <paramref name="name"/>, or null.</summary>
    public ModuleExportFact? FindExport(string name)
    {
        foreach (var e in Exports)
        {
            if (string.Equals(e.Name, name, StringComparison.Ordinal)) return e;
        }
        return null;
    }
}
