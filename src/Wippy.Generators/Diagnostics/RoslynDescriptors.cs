using Microsoft.CodeAnalysis;
using Wippy.Diagnostics;
using Wippy.Modules;
using Wippy.Registry;
using Wippy.Wit;

namespace Wippy.Generators.Diagnostics;

/// <summary>
/// The compiler's descriptor of every entry of <see cref="DiagnosticCatalog"/>, each made once, as a static field
/// named like its id constant. Title, message format, severity, category and help link all come from the catalogue;
/// this class only adds the Roslyn shape. The fields are static and name their id as a constant so that the analyzer
/// release tracking (AnalyzerReleases.*.md beside this file) sees each id. A new catalogue entry needs a field here
/// and a line in AnalyzerReleases.Unshipped.md (tests check both).
/// </summary>
internal static class RoslynDescriptors
{
    // Filled by Create as the fields below are initialized, so it must stay the first field.
    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new(StringComparer.Ordinal);

    // ---- Registry: the file, its entries, across files ----
    public static readonly DiagnosticDescriptor YamlSyntax = Create(RegistryDiagnosticIds.YamlSyntax);
    public static readonly DiagnosticDescriptor InvalidDocument = Create(RegistryDiagnosticIds.InvalidDocument);
    public static readonly DiagnosticDescriptor MissingRequiredField = Create(RegistryDiagnosticIds.MissingRequiredField);
    public static readonly DiagnosticDescriptor WrongValueType = Create(RegistryDiagnosticIds.WrongValueType);
    public static readonly DiagnosticDescriptor InvalidNamespace = Create(RegistryDiagnosticIds.InvalidNamespace);
    public static readonly DiagnosticDescriptor InvalidEntryName = Create(RegistryDiagnosticIds.InvalidEntryName);
    public static readonly DiagnosticDescriptor UnknownKind = Create(RegistryDiagnosticIds.UnknownKind);
    public static readonly DiagnosticDescriptor UnknownField = Create(RegistryDiagnosticIds.UnknownField);
    public static readonly DiagnosticDescriptor UnsupportedVersion = Create(RegistryDiagnosticIds.UnsupportedVersion);
    public static readonly DiagnosticDescriptor InvalidHashFormat = Create(RegistryDiagnosticIds.InvalidHashFormat);
    public static readonly DiagnosticDescriptor UnsupportedHashAlgorithm = Create(RegistryDiagnosticIds.UnsupportedHashAlgorithm);
    public static readonly DiagnosticDescriptor InvalidMethod = Create(RegistryDiagnosticIds.InvalidMethod);
    public static readonly DiagnosticDescriptor InvalidTransport = Create(RegistryDiagnosticIds.InvalidTransport);
    public static readonly DiagnosticDescriptor InvalidPoolType = Create(RegistryDiagnosticIds.InvalidPoolType);
    public static readonly DiagnosticDescriptor NegativePoolNumber = Create(RegistryDiagnosticIds.NegativePoolNumber);
    public static readonly DiagnosticDescriptor InvalidLimit = Create(RegistryDiagnosticIds.InvalidLimit);
    public static readonly DiagnosticDescriptor UnknownImport = Create(RegistryDiagnosticIds.UnknownImport);
    public static readonly DiagnosticDescriptor DuplicateImport = Create(RegistryDiagnosticIds.DuplicateImport);
    public static readonly DiagnosticDescriptor InvalidReference = Create(RegistryDiagnosticIds.InvalidReference);
    public static readonly DiagnosticDescriptor InvalidPath = Create(RegistryDiagnosticIds.InvalidPath);
    public static readonly DiagnosticDescriptor RelativeGuestPath = Create(RegistryDiagnosticIds.RelativeGuestPath);
    public static readonly DiagnosticDescriptor DuplicateMountPath = Create(RegistryDiagnosticIds.DuplicateMountPath);
    public static readonly DiagnosticDescriptor InvalidEnvName = Create(RegistryDiagnosticIds.InvalidEnvName);
    public static readonly DiagnosticDescriptor InvalidMode = Create(RegistryDiagnosticIds.InvalidMode);
    public static readonly DiagnosticDescriptor InvalidModuleName = Create(RegistryDiagnosticIds.InvalidModuleName);
    public static readonly DiagnosticDescriptor DuplicateModule = Create(RegistryDiagnosticIds.DuplicateModule);
    public static readonly DiagnosticDescriptor InvalidIncludePattern = Create(RegistryDiagnosticIds.InvalidIncludePattern);
    public static readonly DiagnosticDescriptor InvalidOutboundHost = Create(RegistryDiagnosticIds.InvalidOutboundHost);
    public static readonly DiagnosticDescriptor OutboundHostsWithoutHttp = Create(RegistryDiagnosticIds.OutboundHostsWithoutHttp);
    public static readonly DiagnosticDescriptor DuplicateId = Create(RegistryDiagnosticIds.DuplicateId);
    public static readonly DiagnosticDescriptor UnresolvedReference = Create(RegistryDiagnosticIds.UnresolvedReference);
    public static readonly DiagnosticDescriptor WrongKindReference = Create(RegistryDiagnosticIds.WrongKindReference);
    public static readonly DiagnosticDescriptor KindNotRunYet = Create(RegistryDiagnosticIds.KindNotRunYet);
    public static readonly DiagnosticDescriptor WasiHttpWithoutEndpoint = Create(RegistryDiagnosticIds.WasiHttpWithoutEndpoint);
    public static readonly DiagnosticDescriptor ProcessPoolIgnored = Create(RegistryDiagnosticIds.ProcessPoolIgnored);
    public static readonly DiagnosticDescriptor InvalidCommandName = Create(RegistryDiagnosticIds.InvalidCommandName);
    public static readonly DiagnosticDescriptor MailboxUnusable = Create(RegistryDiagnosticIds.MailboxUnusable);
    public static readonly DiagnosticDescriptor InvalidHttpAddress = Create(RegistryDiagnosticIds.InvalidHttpAddress);
    public static readonly DiagnosticDescriptor InvalidHttpMethod = Create(RegistryDiagnosticIds.InvalidHttpMethod);
    public static readonly DiagnosticDescriptor InvalidHttpPath = Create(RegistryDiagnosticIds.InvalidHttpPath);
    public static readonly DiagnosticDescriptor AmbiguousHttpService = Create(RegistryDiagnosticIds.AmbiguousHttpService);
    public static readonly DiagnosticDescriptor DuplicateHttpRoute = Create(RegistryDiagnosticIds.DuplicateHttpRoute);
    public static readonly DiagnosticDescriptor EndpointCannotServeHttp = Create(RegistryDiagnosticIds.EndpointCannotServeHttp);
    public static readonly DiagnosticDescriptor MisspelledKind = Create(RegistryDiagnosticIds.MisspelledKind);
    public static readonly DiagnosticDescriptor InvalidCallPath = Create(RegistryDiagnosticIds.InvalidCallPath);

    // ---- WIT ----
    public static readonly DiagnosticDescriptor UnexpectedCharacter = Create(WitDiagnosticIds.UnexpectedCharacter);
    public static readonly DiagnosticDescriptor Unterminated = Create(WitDiagnosticIds.Unterminated);
    public static readonly DiagnosticDescriptor Syntax = Create(WitDiagnosticIds.Syntax);
    public static readonly DiagnosticDescriptor InvalidIdentifier = Create(WitDiagnosticIds.InvalidIdentifier);
    public static readonly DiagnosticDescriptor KeywordAsIdentifier = Create(WitDiagnosticIds.KeywordAsIdentifier);
    public static readonly DiagnosticDescriptor InvalidVersion = Create(WitDiagnosticIds.InvalidVersion);
    public static readonly DiagnosticDescriptor InvalidGate = Create(WitDiagnosticIds.InvalidGate);
    public static readonly DiagnosticDescriptor NamedResults = Create(WitDiagnosticIds.NamedResults);
    public static readonly DiagnosticDescriptor MisplacedPackage = Create(WitDiagnosticIds.MisplacedPackage);
    public static readonly DiagnosticDescriptor InvalidListLength = Create(WitDiagnosticIds.InvalidListLength);
    public static readonly DiagnosticDescriptor DuplicateConstructor = Create(WitDiagnosticIds.DuplicateConstructor);
    public static readonly DiagnosticDescriptor NotAllowedInSignatures = Create(WitDiagnosticIds.NotAllowedInSignatures);
    public static readonly DiagnosticDescriptor UndefinedType = Create(WitDiagnosticIds.UndefinedType);
    public static readonly DiagnosticDescriptor UndefinedInterface = Create(WitDiagnosticIds.UndefinedInterface);
    public static readonly DiagnosticDescriptor UndefinedPackage = Create(WitDiagnosticIds.UndefinedPackage);
    public static readonly DiagnosticDescriptor UndefinedWorld = Create(WitDiagnosticIds.UndefinedWorld);
    public static readonly DiagnosticDescriptor DuplicateName = Create(WitDiagnosticIds.DuplicateName);
    public static readonly DiagnosticDescriptor UseOfUnknownName = Create(WitDiagnosticIds.UseOfUnknownName);
    public static readonly DiagnosticDescriptor Cycle = Create(WitDiagnosticIds.Cycle);
    public static readonly DiagnosticDescriptor HandleToNonResource = Create(WitDiagnosticIds.HandleToNonResource);

    // ---- Modules and signatures ----
    public static readonly DiagnosticDescriptor ModuleFileNotFound = Create(ModuleDiagnosticIds.ModuleFileNotFound);
    public static readonly DiagnosticDescriptor HashMismatch = Create(ModuleDiagnosticIds.HashMismatch);
    public static readonly DiagnosticDescriptor InvalidWat = Create(ModuleDiagnosticIds.InvalidWat);
    public static readonly DiagnosticDescriptor InvalidModule = Create(ModuleDiagnosticIds.InvalidModule);
    public static readonly DiagnosticDescriptor ExportNotFound = Create(ModuleDiagnosticIds.ExportNotFound);
    public static readonly DiagnosticDescriptor UnsupportedCoreSignature = Create(ModuleDiagnosticIds.UnsupportedCoreSignature);
    public static readonly DiagnosticDescriptor SignatureMismatch = Create(ModuleDiagnosticIds.SignatureMismatch);
    public static readonly DiagnosticDescriptor ComponentNotSupported = Create(ModuleDiagnosticIds.ComponentNotSupported);
    public static readonly DiagnosticDescriptor WitFunctionNotFound = Create(ModuleDiagnosticIds.WitFunctionNotFound);
    public static readonly DiagnosticDescriptor UnsupportedWitType = Create(ModuleDiagnosticIds.UnsupportedWitType);
    public static readonly DiagnosticDescriptor UndefinedWitType = Create(ModuleDiagnosticIds.UndefinedWitType);
    public static readonly DiagnosticDescriptor ConflictingTypeDefinition = Create(ModuleDiagnosticIds.ConflictingTypeDefinition);
    public static readonly DiagnosticDescriptor NoSignature = Create(ModuleDiagnosticIds.NoSignature);
    public static readonly DiagnosticDescriptor MissingMemoryOrRealloc = Create(ModuleDiagnosticIds.MissingMemoryOrRealloc);
    public static readonly DiagnosticDescriptor NameCollision = Create(ModuleDiagnosticIds.NameCollision);
    public static readonly DiagnosticDescriptor IncludeMatchesNothing = Create(ModuleDiagnosticIds.IncludeMatchesNothing);
    public static readonly DiagnosticDescriptor ModuleNotEmbedded = Create(ModuleDiagnosticIds.ModuleNotEmbedded);
    public static readonly DiagnosticDescriptor FactsVersionMismatch = Create(ModuleDiagnosticIds.FactsVersionMismatch);
    public static readonly DiagnosticDescriptor DirectCallImpossible = Create(ModuleDiagnosticIds.DirectCallImpossible);
    public static readonly DiagnosticDescriptor CalledThroughComponentModel = Create(ModuleDiagnosticIds.CalledThroughComponentModel);
    public static readonly DiagnosticDescriptor ImportNotGranted = Create(ModuleDiagnosticIds.ImportNotGranted);
    public static readonly DiagnosticDescriptor ImportLeftOut = Create(ModuleDiagnosticIds.ImportLeftOut);

    // ---- Inputs refused for safety ----
    public static readonly DiagnosticDescriptor YamlTooDeep = Create(SafetyDiagnosticIds.YamlTooDeep);
    public static readonly DiagnosticDescriptor WitTooDeep = Create(SafetyDiagnosticIds.WitTooDeep);
    public static readonly DiagnosticDescriptor NumberOutOfRange = Create(SafetyDiagnosticIds.NumberOutOfRange);
    public static readonly DiagnosticDescriptor StorageRouterCycle = Create(SafetyDiagnosticIds.StorageRouterCycle);
    public static readonly DiagnosticDescriptor PathOutsideRoot = Create(SafetyDiagnosticIds.PathOutsideRoot);

    // ---- Wippy itself ----
    public static readonly DiagnosticDescriptor UnknownDiagnosticId = Create(InternalDiagnosticIds.UnknownDiagnosticId);

    /// <summary>Every descriptor, keyed by id.</summary>
    public static IReadOnlyDictionary<string, DiagnosticDescriptor> All => ById;

    /// <summary>The descriptor of <paramref name="id"/>, or <see langword="null"/> when there is none.</summary>
    public static DiagnosticDescriptor? Find(string id) => ById.TryGetValue(id, out var descriptor) ? descriptor : null;

    /// <summary>The compiler's severity for a catalogue severity.</summary>
    public static DiagnosticSeverity SeverityOf(WippySeverity severity) => severity switch
    {
        WippySeverity.Error => DiagnosticSeverity.Error,
        WippySeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    // The parameter is named "id" and the argument is a constant: that is how release tracking recognizes a descriptor
    // made by a helper. A field whose id the catalogue lacks fails the generator's type initialization, so every build
    // and test fails at once rather than reporting under a made-up descriptor.
    private static DiagnosticDescriptor Create(string id)
    {
        var entry = DiagnosticCatalog.Find(id) ?? throw new InvalidOperationException($"{id} has a descriptor field but no entry in the diagnostic catalogue");
        var descriptor = new DiagnosticDescriptor(
            entry.Id,
            entry.Title,
            entry.MessageFormat,
            entry.CategoryName,
            SeverityOf(entry.Severity),
            isEnabledByDefault: true,
            helpLinkUri: entry.HelpLink);
        ById.Add(id, descriptor);
        return descriptor;
    }
}
