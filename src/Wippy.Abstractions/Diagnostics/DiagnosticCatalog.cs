using Wippy.Modules;
using Wippy.Registry;
using Wippy.Wit;

namespace Wippy.Diagnostics;

/// <summary>
/// Every diagnostic id Wippy reports, declared once: its severity, category and title (the help link follows from
/// the id). The places that find a mistake name an id, a message and a position; the severity always comes from
/// here. The source generator makes one compiler descriptor per entry; docs/diagnostics.md has a row and an anchor
/// per entry (a test checks both).
/// </summary>
public static class DiagnosticCatalog
{
    private const WippyDiagnosticCategory Registry = WippyDiagnosticCategory.Registry;
    private const WippyDiagnosticCategory Wit = WippyDiagnosticCategory.Wit;
    private const WippyDiagnosticCategory Module = WippyDiagnosticCategory.Module;
    private const WippyDiagnosticCategory Internal = WippyDiagnosticCategory.Internal;

    private static readonly WippyDiagnosticDescriptor[] Table =
    [
        // ---- Registry: the file and its document ----
        Error(Registry, RegistryDiagnosticIds.YamlSyntax, "The file is not valid YAML"),
        Error(Registry, RegistryDiagnosticIds.InvalidDocument, "The registry file is not a single map"),
        Error(Registry, RegistryDiagnosticIds.MissingRequiredField, "A required field is missing or empty"),
        Error(Registry, RegistryDiagnosticIds.WrongValueType, "A value has the wrong type"),
        Error(Registry, RegistryDiagnosticIds.InvalidNamespace, "The namespace is not valid"),
        Error(Registry, RegistryDiagnosticIds.InvalidEntryName, "The entry name is not valid"),
        Warning(Registry, RegistryDiagnosticIds.UnknownKind, "Unknown entry kind, the entry is ignored"),
        Warning(Registry, RegistryDiagnosticIds.UnknownField, "Unknown field, it is ignored"),
        Warning(Registry, RegistryDiagnosticIds.UnsupportedVersion, "Unsupported registry file version"),

        // ---- Registry: function fields ----
        Error(Registry, RegistryDiagnosticIds.InvalidHashFormat, "The hash is not sha256: and 64 hexadecimal digits"),
        Error(Registry, RegistryDiagnosticIds.UnsupportedHashAlgorithm, "The hash algorithm is not sha256"),
        Error(Registry, RegistryDiagnosticIds.InvalidMethod, "The method is not a valid function name"),
        Error(Registry, RegistryDiagnosticIds.InvalidTransport, "Unknown transport"),
        Error(Registry, RegistryDiagnosticIds.InvalidPoolType, "Unknown pool type"),
        Error(Registry, RegistryDiagnosticIds.NegativePoolNumber, "A pool number is negative"),
        Error(Registry, RegistryDiagnosticIds.InvalidLimit, "A limit is zero or negative"),
        Error(Registry, RegistryDiagnosticIds.UnknownImport, "Unknown import"),
        Warning(Registry, RegistryDiagnosticIds.DuplicateImport, "An import is listed twice"),
        Error(Registry, RegistryDiagnosticIds.InvalidReference, "Malformed reference to an entry"),
        Error(Registry, RegistryDiagnosticIds.InvalidPath, "Empty or invalid path"),
        Error(Registry, RegistryDiagnosticIds.RelativeGuestPath, "A guest path is not absolute"),
        Error(Registry, RegistryDiagnosticIds.DuplicateMountPath, "Two mounts use the same guest path"),
        Error(Registry, RegistryDiagnosticIds.InvalidEnvName, "Invalid or repeated environment variable name"),
        Error(Registry, RegistryDiagnosticIds.InvalidMode, "The directory mode is not 3 or 4 octal digits"),
        Error(Registry, RegistryDiagnosticIds.InvalidModuleName, "Invalid Lua module name"),
        Warning(Registry, RegistryDiagnosticIds.DuplicateModule, "A Lua module is listed twice"),
        Error(Registry, RegistryDiagnosticIds.InvalidIncludePattern, "Invalid include pattern"),
        Error(Registry, RegistryDiagnosticIds.InvalidOutboundHost, "Invalid outbound host pattern"),
        Warning(Registry, RegistryDiagnosticIds.OutboundHostsWithoutHttp, "Outbound hosts without the wasi:http grant have no effect"),

        // ---- Registry: across files ----
        Error(Registry, RegistryDiagnosticIds.DuplicateId, "Two entries have the same id"),
        Error(Registry, RegistryDiagnosticIds.UnresolvedReference, "A reference names no entry"),
        Error(Registry, RegistryDiagnosticIds.WrongKindReference, "A reference names an entry of the wrong kind"),

        // ---- Registry: parsed but not run yet ----
        Warning(Registry, RegistryDiagnosticIds.KindNotRunYet, "This kind of entry does not run yet"),
        Warning(Registry, RegistryDiagnosticIds.WasiHttpWithoutEndpoint, "No HTTP endpoint calls this wasi-http function"),
        Warning(Registry, RegistryDiagnosticIds.ProcessPoolIgnored, "A process.wasm entry's pool is ignored"),
        Error(Registry, RegistryDiagnosticIds.InvalidCommandName, "The command name cannot be run"),
        Warning(Registry, RegistryDiagnosticIds.MailboxUnusable, "The component imports the process mailbox but cannot use it"),

        // ---- Registry: HTTP ----
        Error(Registry, RegistryDiagnosticIds.InvalidHttpAddress, "Invalid HTTP listen address"),
        Error(Registry, RegistryDiagnosticIds.InvalidHttpMethod, "Unknown HTTP method"),
        Error(Registry, RegistryDiagnosticIds.InvalidHttpPath, "Invalid HTTP path or prefix"),
        Error(Registry, RegistryDiagnosticIds.AmbiguousHttpService, "Several HTTP services and none named"),
        Error(Registry, RegistryDiagnosticIds.DuplicateHttpRoute, "Two HTTP endpoints serve the same route"),
        Error(Registry, RegistryDiagnosticIds.EndpointCannotServeHttp, "The endpoint's function cannot serve HTTP"),
        Error(Registry, RegistryDiagnosticIds.MisspelledKind, "Unknown entry kind, close to a known one"),
        Error(Registry, RegistryDiagnosticIds.InvalidCallPath, "Unknown call_path"),

        // ---- WIT: one file ----
        Error(Wit, WitDiagnosticIds.UnexpectedCharacter, "A character WIT does not allow"),
        Error(Wit, WitDiagnosticIds.Unterminated, "A comment or string is not closed"),
        Error(Wit, WitDiagnosticIds.Syntax, "WIT syntax error"),
        Error(Wit, WitDiagnosticIds.InvalidIdentifier, "An identifier is not kebab-case"),
        Error(Wit, WitDiagnosticIds.KeywordAsIdentifier, "A keyword used as a name without %"),
        Error(Wit, WitDiagnosticIds.InvalidVersion, "Invalid semantic version"),
        Error(Wit, WitDiagnosticIds.InvalidGate, "Unknown or malformed annotation"),
        Error(Wit, WitDiagnosticIds.NamedResults, "The old named-results syntax"),
        Error(Wit, WitDiagnosticIds.MisplacedPackage, "Misplaced or repeated package declaration"),
        Error(Wit, WitDiagnosticIds.InvalidListLength, "A list length is not a positive integer"),
        Error(Wit, WitDiagnosticIds.DuplicateConstructor, "A resource with more than one constructor"),
        Error(Wit, WitDiagnosticIds.NotAllowedInSignatures, "A package, interface or world in a wit: signature block"),

        // ---- WIT: across files and packages ----
        Error(Wit, WitDiagnosticIds.UndefinedType, "Undefined WIT type"),
        Error(Wit, WitDiagnosticIds.UndefinedInterface, "Undefined interface"),
        Error(Wit, WitDiagnosticIds.UndefinedPackage, "Undefined or ambiguous package"),
        Error(Wit, WitDiagnosticIds.UndefinedWorld, "Undefined world"),
        Error(Wit, WitDiagnosticIds.DuplicateName, "A name defined twice in one scope"),
        Error(Wit, WitDiagnosticIds.UseOfUnknownName, "A use of a name the interface does not define"),
        Error(Wit, WitDiagnosticIds.Cycle, "A type or use cycle"),
        Error(Wit, WitDiagnosticIds.HandleToNonResource, "A handle to a type that is not a resource"),

        // ---- Modules and signatures ----
        Error(Module, ModuleDiagnosticIds.ModuleFileNotFound, "A referenced file does not exist"),
        Error(Module, ModuleDiagnosticIds.HashMismatch, "The module's SHA-256 differs from its hash"),
        Error(Module, ModuleDiagnosticIds.InvalidWat, "The WAT does not compile"),
        Error(Module, ModuleDiagnosticIds.InvalidModule, "Not a valid WebAssembly module or component"),
        Error(Module, ModuleDiagnosticIds.ExportNotFound, "The module exports no function named by method"),
        Error(Module, ModuleDiagnosticIds.UnsupportedCoreSignature, "The export's core type has no WIT equivalent"),
        Error(Module, ModuleDiagnosticIds.SignatureMismatch, "The WIT signature does not match the export"),
        Retired(Module, ModuleDiagnosticIds.ComponentNotSupported, "Typed calls into components are not supported (retired)"),
        Error(Module, ModuleDiagnosticIds.WitFunctionNotFound, "The WIT declares no function named by method"),
        Error(Module, ModuleDiagnosticIds.UnsupportedWitType, "A WIT type typed calls do not support yet"),
        Error(Module, ModuleDiagnosticIds.UndefinedWitType, "A WIT type not defined beside the signature"),
        Error(Module, ModuleDiagnosticIds.ConflictingTypeDefinition, "Two different definitions of one WIT type in a namespace"),
        Error(Module, ModuleDiagnosticIds.NoSignature, "No signature for the function"),
        Error(Module, ModuleDiagnosticIds.MissingMemoryOrRealloc, "The module exports no memory or cabi_realloc"),
        Error(Module, ModuleDiagnosticIds.NameCollision, "Two names become the same C# name"),
        Error(Module, ModuleDiagnosticIds.IncludeMatchesNothing, "An include pattern matches no file"),
        Error(Module, ModuleDiagnosticIds.ModuleNotEmbedded, "The module is left out of the embedded files"),
        Error(Module, ModuleDiagnosticIds.FactsVersionMismatch, "The module facts file has another format version"),
        Error(Module, ModuleDiagnosticIds.DirectCallImpossible, "The component cannot be called directly"),
        Info(Module, ModuleDiagnosticIds.CalledThroughComponentModel, "The component is called through Wasmtime's component model"),
        Warning(Module, ModuleDiagnosticIds.ImportNotGranted, "The component imports host interfaces and its entry grants none"),
        Info(Module, ModuleDiagnosticIds.ImportLeftOut, "The component imports host interfaces its entry's imports leave out"),

        // ---- Inputs refused for safety: too deep, out of range, cyclic, outside the project ----
        Error(Registry, SafetyDiagnosticIds.YamlTooDeep, "The YAML nests too deeply"),
        Error(Wit, SafetyDiagnosticIds.WitTooDeep, "A WIT type nests too deeply"),
        Error(Registry, SafetyDiagnosticIds.NumberOutOfRange, "A limit or pool number is out of range"),
        Error(Registry, SafetyDiagnosticIds.StorageRouterCycle, "A storage router reaches itself"),
        Error(Registry, SafetyDiagnosticIds.PathOutsideRoot, "A path leaves the project directory"),

        // ---- Wippy itself ----
        new(InternalDiagnosticIds.UnknownDiagnosticId, WippySeverity.Error, Internal, "Diagnostic id missing from the catalogue",
            "Wippy reported the diagnostic id {0}, which its catalogue does not list (a bug in Wippy, please report it): {1}", isRetired: false),
    ];

    private static readonly Dictionary<string, WippyDiagnosticDescriptor> ById = Index(Table);

    /// <summary>Every entry, in id order within each category.</summary>
    public static IReadOnlyList<WippyDiagnosticDescriptor> All { get; } = Array.AsReadOnly(Table);

    /// <summary>The entry that stands in for an id the catalogue does not list (<see cref="InternalDiagnosticIds.UnknownDiagnosticId"/>).</summary>
    public static WippyDiagnosticDescriptor UnknownId { get; } = ById[InternalDiagnosticIds.UnknownDiagnosticId];

    /// <summary>The entry of <paramref name="id"/>, or <see langword="null"/> when the catalogue does not list it.</summary>
    public static WippyDiagnosticDescriptor? Find(string id) => ById.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>The entry of <paramref name="id"/>, or <see cref="UnknownId"/> when the catalogue does not list it.</summary>
    public static WippyDiagnosticDescriptor For(string id) => Find(id) ?? UnknownId;

    private static WippyDiagnosticDescriptor Error(WippyDiagnosticCategory category, string id, string title) =>
        new(id, WippySeverity.Error, category, title, "{0}", isRetired: false);

    private static WippyDiagnosticDescriptor Warning(WippyDiagnosticCategory category, string id, string title) =>
        new(id, WippySeverity.Warning, category, title, "{0}", isRetired: false);

    private static WippyDiagnosticDescriptor Info(WippyDiagnosticCategory category, string id, string title) =>
        new(id, WippySeverity.Info, category, title, "{0}", isRetired: false);

    private static WippyDiagnosticDescriptor Retired(WippyDiagnosticCategory category, string id, string title) =>
        new(id, WippySeverity.Error, category, title, "{0}", isRetired: true);

    private static Dictionary<string, WippyDiagnosticDescriptor> Index(WippyDiagnosticDescriptor[] table)
    {
        var byId = new Dictionary<string, WippyDiagnosticDescriptor>(StringComparer.Ordinal);
        foreach (var entry in table)
        {
            // A repeated id is a mistake in the table above; failing here stops every build and test at once.
            if (byId.ContainsKey(entry.Id)) throw new InvalidOperationException($"the diagnostic catalogue lists {entry.Id} twice");
            byId.Add(entry.Id, entry);
        }
        return byId;
    }
}
