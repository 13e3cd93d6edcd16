namespace Wippy.Modules;

/// <summary>
/// Ids of the diagnostics about modules and signatures (WIPPY0200–WIPPY0299), reported by the build step
/// (Wippy.Build) and the source generator, and used by the host for load errors. Listed in docs/diagnostics.md;
/// severities, titles and help links are the entries of <see cref="Wippy.Diagnostics.DiagnosticCatalog"/>, where a
/// new id needs an entry too.
/// </summary>
public static class ModuleDiagnosticIds
{
    /// <summary>A module file (a <c>file://</c> WAT file, or the binary an fs entry points to) does not exist.</summary>
    public const string ModuleFileNotFound = "WIPPY0200";

    /// <summary>The SHA-256 of a <c>function.wasm</c> binary differs from the entry's <c>hash</c>.</summary>
    public const string HashMismatch = "WIPPY0201";

    /// <summary>WAT text does not parse or validate.</summary>
    public const string InvalidWat = "WIPPY0202";

    /// <summary>A binary is not a valid WebAssembly module or component.</summary>
    public const string InvalidModule = "WIPPY0203";

    /// <summary>The module has no function export named by <c>method</c>.</summary>
    public const string ExportNotFound = "WIPPY0204";

    /// <summary>Without <c>wit:</c>, the export's core type cannot be called as a typed function (v128, references, several results).</summary>
    public const string UnsupportedCoreSignature = "WIPPY0205";

    /// <summary>The <c>wit:</c> signature flattens to a core type that differs from the export's.</summary>
    public const string SignatureMismatch = "WIPPY0206";

    /// <summary>Retired: meant "typed calls into components are not supported yet"; components are supported now. Kept so the id is never reused.</summary>
    public const string ComponentNotSupported = "WIPPY0207";

    /// <summary>The <c>wit:</c> text declares no function named by <c>method</c>.</summary>
    public const string WitFunctionNotFound = "WIPPY0208";

    /// <summary>A WIT type that typed calls do not support yet (resources, handles, futures, streams, maps).</summary>
    public const string UnsupportedWitType = "WIPPY0209";

    /// <summary>A WIT type name that is not defined beside the signature.</summary>
    public const string UndefinedWitType = "WIPPY0210";

    /// <summary>Two entries of one namespace define a WIT type of the same name differently.</summary>
    public const string ConflictingTypeDefinition = "WIPPY0211";

    /// <summary>No signature: the entry has no <c>wit:</c> and the build step found no facts about its module.</summary>
    public const string NoSignature = "WIPPY0212";

    /// <summary>The signature passes strings or lists but the module exports no <c>memory</c> or <c>cabi_realloc</c>.</summary>
    public const string MissingMemoryOrRealloc = "WIPPY0213";

    /// <summary>Two entries (or two namespaces) whose names differ only in separators or case get the same C# name.</summary>
    public const string NameCollision = "WIPPY0214";

    /// <summary>An <c>fs.embed</c> <c>include</c> pattern matches no file of the entry's directory.</summary>
    public const string IncludeMatchesNothing = "WIPPY0215";

    /// <summary>A function's module is in an <c>fs.embed</c> entry whose <c>include</c> leaves it out, so it would not be in the app.</summary>
    public const string ModuleNotEmbedded = "WIPPY0216";

    /// <summary>The module facts file (<c>wippy.modules.txt</c>) has another format version than the generator reads, or none: it was written by a build step of another version, or is stale.</summary>
    public const string FactsVersionMismatch = "WIPPY0217";

    /// <summary>An entry says <c>call_path: direct</c>, but its component cannot be called directly (the message says why).</summary>
    public const string DirectCallImpossible = "WIPPY0218";

    /// <summary>
    /// A note: a component entry that does not choose its <c>call_path</c> is called through Wasmtime's component model,
    /// because the build step cannot plan it for a direct call; the message says why.
    /// </summary>
    public const string CalledThroughComponentModel = "WIPPY0219";

    /// <summary>
    /// A component imports host interfaces (WASI, the process mailbox) and its entry has no <c>imports:</c>: they are
    /// linked to stubs that fail with PermissionDenied; the message names exactly what to add (or <c>imports: []</c>).
    /// </summary>
    public const string ImportNotGranted = "WIPPY0220";

    /// <summary>A note: a component imports host interfaces its entry's <c>imports:</c> leave out (denied on purpose, or forgotten).</summary>
    public const string ImportLeftOut = "WIPPY0221";
}
