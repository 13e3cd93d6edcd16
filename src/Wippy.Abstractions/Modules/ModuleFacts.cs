namespace Wippy.Modules;

/// <summary>What a module binary is: a core module, a component, or unreadable.</summary>
public enum ModuleBinaryKind
{
    /// <summary>A core WebAssembly module.</summary>
    Core,
    /// <summary>A WebAssembly component (Component Model).</summary>
    Component,
}

/// <summary>The exported component function an entry's <c>method</c> names, as the build step found it in the binary.</summary>
/// <param name="Key">Its full name (<c>transform-users</c>, <c>wippy:test/echo#echo-string</c>).</param>
/// <param name="SignatureWit">A self-contained WIT signature block (type definitions, then the function) read from the binary.</param>
/// <param name="Fingerprint">The function type with the type names left out (<see cref="Components.ComponentBinary.FindFunction"/>).</param>
/// <param name="CoreExport">The core export to call directly, when the component allows it (then <see cref="ModuleFacts.Exports"/> are its core module's); null when the call goes through Wasmtime's component model.</param>
/// <param name="DirectProblem">Why the function cannot be called directly, or null.</param>
public sealed record ComponentFunctionFact(string Key, string SignatureWit, string Fingerprint, string? CoreExport, string? DirectProblem);

/// <summary>A function a component imports, as the build step read it from the binary.</summary>
/// <param name="Instance">The imported interface (<c>wippy:imports/host</c>), or null for a top-level import.</param>
/// <param name="Function">The function's name.</param>
/// <param name="SignatureWit">A self-contained WIT signature block (type definitions, then the function).</param>
/// <param name="Fingerprint">The function type with the type names left out.</param>
public sealed record ComponentImportFact(string? Instance, string Function, string SignatureWit, string Fingerprint);

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
/// <param name="Component">For a component: the function the entry's <c>method</c> names and how it is called; null for a core module.</param>
/// <param name="Imports">For a component called through the component model: the functions it imports.</param>
public sealed record ModuleFacts(string EntryId, ModuleBinaryKind Binary, string Sha256, IReadOnlyList<ModuleExportFact> Exports, ComponentFunctionFact? Component = null, IReadOnlyList<ComponentImportFact>? Imports = null)
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
