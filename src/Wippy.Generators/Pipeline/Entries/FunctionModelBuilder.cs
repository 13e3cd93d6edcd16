using Wippy.Modules.Components;
using Wippy.Generators.Model;
using Wippy.Generators.Pipeline.Signatures;
using Wippy.Diagnostics;
using Wippy.Modules;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>
/// The model of a function.wat or function.wasm entry: its module source, how it is called (a core export, or a
/// component through Wasmtime's component model), its signature, and the checks against its module. An entry with a
/// problem is reported and left out (null), so the rest of the namespace still compiles.
/// </summary>
internal sealed class FunctionModelBuilder
{
    private readonly GeneratorInputs _inputs;
    private readonly ModuleSourceBuilder _sources;
    private readonly FunctionSignatureBuilder _signatures;
    private readonly ModuleChecks _checks;
    private readonly ImportFunctionBuilder _imports;

    private readonly ModelDiagnostics _diagnostics;

    /// <summary>A fresh instance per call: a process's (each run its own instance) and, by default, an HTTP handler's.</summary>
    private static readonly PoolConfig InlinePool = PoolConfig.Resolve("inline", PoolType.Inline, 0, 0, 0, 0, false, null);

    public FunctionModelBuilder(GeneratorInputs inputs, ModelDiagnostics diagnostics)
    {
        _inputs = inputs;
        _diagnostics = diagnostics;
        _sources = new ModuleSourceBuilder(inputs, diagnostics);
        _signatures = new FunctionSignatureBuilder(inputs, diagnostics);
        _checks = new ModuleChecks(diagnostics);
        _imports = new ImportFunctionBuilder();
    }

    public FunctionModel? Build(FunctionEntry f)
    {
        if (f.Method is null) return null; // reported by the registry parser
        var source = _sources.Build(f);
        if (source is null) return null;
        var facts = _inputs.FactsOf(f.Id);
        CheckMailbox(f, facts);
        var component = facts?.Component;
        if (facts is { Binary: ModuleBinaryKind.Component } && component is null) return null; // the build step reported why
        if (component is not null && HttpHandlerExport.IsHandle(component.Key)) return BuildHttpHandler(f, source, facts!, component);

        // A component called directly runs its core module's export; otherwise the core module is the entry's.
        var coreExportName = component is null ? f.Method : component.CoreExport;
        var export = coreExportName is null ? null : facts?.FindExport(coreExportName);
        if (component is null && !_checks.ExportExists(f, facts, export)) return null;
        // A component that cannot be called directly (imports, several core modules…) goes through Wasmtime's component model.
        var callsComponentModel = component is not null && component.CoreExport is null;

        var signature = _signatures.Build(f, component, export);
        if (signature is null) return null;
        if (component is not null && !_checks.MatchesComponent(f, component, signature)) return null;

        // A default method the build step resolved to another standard export (a process's wasi:cli/run) is that export.
        var method = f.MethodIsDefault && component is not null ? component.Key : f.Method;
        var model = Model(f, method, coreExportName ?? method, component?.Fingerprint, EntryParts.Docs(f, signature.Docs),
            signature, f.Wit is not null, source, f.IsProcess ? InlinePool : f.Pool) with
        {
            CallsComponentModel = callsComponentModel,
            // Either path calls the app's implementations of the component's imports (a planned one through core adapters).
            ComponentImports = component is not null ? _imports.Build(facts!).ToEquatableArray() : default,
            ImportsWaitingWasi = component is not null && (facts!.Imports ?? []).Any(i => WaitingImports.CanWait(i.Instance)),
            Command = f.Command is { } command ? new CommandModel(command.Name, command.Short) : null,
            Mailbox = f.Mailbox is { } mailbox ? new MailboxModel(mailbox.Capacity, mailbox.Bytes, mailbox.MessageBytes) : null,
            Resources = signature.Resources,
            ComponentKey = component?.Key,
        };

        return callsComponentModel || _checks.MatchesCoreExport(f, signature, facts, export) ? model : null;
    }

    /// <summary>What every function's model takes from its entry: module, pool, limits, transport, imports, WASI.</summary>
    private FunctionModel Model(FunctionEntry f, string method, string coreExport, string? fingerprint, string? docs, Signature signature,
        bool signatureFromWit, ModuleSourceModel source, PoolConfig pool) =>
        new(f.Id, f.Kind, CsNaming.EntryMethod(f.Name, f.Namespace), method, coreExport, fingerprint,
            docs,
            signature.Params, signature.Result, signature.WitText, signatureFromWit,
            source,
            EntryParts.Pool(pool),
            new LimitsModel(f.Limits.MaxExecutionMs, f.Limits.MaxMemoryBytes, f.Limits.MaxRetainedMemoryBytes),
            f.Transport == FunctionTransport.WasiHttp ? "wasi-http" : "payload",
            f.Imports.Select(i => i.Name).ToEquatableArray(),
            _inputs.DeclaredAt(f.Position))
        {
            Wasi = EntryParts.Wasi(f.Wasi),
        };

    /// <summary>
    /// A component exporting the standard <c>wasi:http/incoming-handler</c>: served over HTTP through that interface
    /// (the host gives it the request and takes its response), so it has no typed signature, proxy or binders. Its
    /// instances are fresh per request unless the entry has a <c>pool</c> block.
    /// </summary>
    private FunctionModel? BuildHttpHandler(FunctionEntry f, ModuleSourceModel source, ModuleFacts facts, ComponentFunctionFact component)
    {
        if (f.Transport != FunctionTransport.WasiHttp)
        {
            _diagnostics.Report(ModuleDiagnosticIds.UnsupportedWitType, f.PositionOf("method"),
                $"entry '{f.Id}': '{component.Key}' is the standard wasi:http/incoming-handler, which takes the request and its response as resources and is served over HTTP, not called with values; " +
                "add \"transport: wasi-http\" (and remove 'method', which then defaults to it) and an http.endpoint whose func is this entry");
            return null;
        }
        var pool = ReferenceEquals(f.Pool, PoolConfig.Default) ? InlinePool : f.Pool;
        // No typed signature (the request and response are resources): only the handle line, for `wit` and the docs.
        var carried = component.SignatureWit.Trim();
        var handle = new Signature(default, null, carried.Substring(carried.LastIndexOf('\n') + 1).TrimEnd(';'), null);
        return Model(f, component.Key, component.Key, component.Fingerprint, EntryParts.Docs(f, null), handle, signatureFromWit: false, source, pool) with
        {
            CallsComponentModel = true,
            ComponentImports = _imports.Build(facts).ToEquatableArray(),
            IncomingHandler = true,
        };
    }

    /// <summary>
    /// Warns (WIPPY0045) when the component imports the process mailbox but cannot use it: a process that does not
    /// grant <c>wippy:actor</c>, or a function (only a spawned process has a mailbox). Each mailbox call would fail.
    /// </summary>
    private void CheckMailbox(FunctionEntry f, ModuleFacts? facts)
    {
        var mailbox = facts?.Imports?.FirstOrDefault(i => i.Instance?.StartsWith("wippy:actor/process", StringComparison.Ordinal) == true)?.Instance;
        if (mailbox is null) return;
        if (!f.IsProcess)
        {
            _diagnostics.Report(RegistryDiagnosticIds.MailboxUnusable, f.KindPosition,
                $"entry '{f.Id}' ({f.Kind}): its component imports {mailbox}, the mailbox of a process, but a function has none: each mailbox call fails with Unavailable; make it \"kind: process.wasm\" to spawn it with a mailbox");
        }
        else if (!f.Imports.Any(i => i.Name == "wippy:actor"))
        {
            _diagnostics.Report(RegistryDiagnosticIds.MailboxUnusable, f.Imports.Count > 0 ? f.PositionOf("imports") : f.KindPosition,
                $"entry '{f.Id}' (process.wasm): its component imports {mailbox}, its mailbox, which 'imports' does not grant: each mailbox call fails with PermissionDenied; add '- wippy:actor' to its imports (e.g. \"imports: [wippy:actor]\")");
        }
    }
}
