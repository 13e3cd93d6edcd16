using System.Security.Cryptography;
using System.Text;
using Wippy.Diagnostics;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Loading;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;
using Wippy.Modules;
using Wippy.Registry;

namespace Wippy.Build;

/// <summary>
/// What the build step found: module facts, diagnostics, the fs.directory files the app needs at run time, and how many
/// binaries it had to compile (0 when the compiled-code cache had them all).
/// </summary>
internal sealed record InspectionResult(
    IReadOnlyList<ModuleFacts> Modules, IReadOnlyList<WippyDiagnostic> Diagnostics, IReadOnlyList<string> FilesToCopy, IReadOnlyList<string> FilesToEmbed,
    int Compiled = 0);

/// <summary>
/// Opens every module an app's registry points to, with the same engine the host uses: WAT is compiled
/// (a syntax error is reported at its line in the YAML or .wat file), binaries are hashed and checked
/// against <c>hash:</c>, and the exports' core types are recorded for the generator. Compiled code goes through the
/// runtime's cache (<see cref="CompiledCache"/>): a binary is compiled once per content and engine settings, for every
/// entry naming it and every later build (a YAML edit compiles nothing), and the runtime on this machine finds it too.
/// </summary>
internal static class ModuleInspector
{
    /// <param name="root">The registry root.</param>
    /// <param name="precompileDirectory">Where to compile the modules that travel inside the app ahead of time (<see cref="Precompiler"/>), or null.</param>
    /// <param name="allowedPaths">The project's <c>WippyAllowedPaths</c>: directories outside <paramref name="root"/> the registry may name (';'-separated), or null.</param>
    /// <param name="cacheDirectory">The compiled-code cache's directory (the runtime's default: <see cref="CompiledCache.DefaultDirectory"/>), or null to keep compiled code in memory only.</param>
    public static InspectionResult Inspect(string root, string? precompileDirectory = null, string? allowedPaths = null, string? cacheDirectory = null)
    {
        var parsedDocuments = new List<RegistryDocument>();
        foreach (var file in RegistryDiscovery.FindIndexFiles(root))
        {
            var parsed = RegistryParser.Parse(file, File.ReadAllText(file));
            if (parsed.Document is not null) parsedDocuments.Add(parsed.Document);
        }
        // Entries naming files outside the project are neither read nor shipped; the generator reports them (same rule, same root).
        var refused = RegistryPaths.Check(parsedDocuments, root, RegistryPaths.ParseAllowed(allowedPaths, root)).RefusedEntryIds;
        var documents = parsedDocuments
            .Select(d => new RegistryDocument(d.FilePath, d.Version, d.Namespace, d.Entries.Where(e => !refused.Contains(e.Id)).ToList()))
            .ToList();
        var fsEntries = documents.SelectMany(d => d.Entries).OfType<FsDirectoryEntry>()
            .GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var modules = new List<ModuleFacts>();
        var diagnostics = new List<WippyDiagnostic>();
        // The engine settings a runtime uses by default, so that the compiled code cached here is the code it loads.
        var options = Wippy.Host.WippyRuntime.EngineOptions(pooling: null);
        using var engine = new WasmEngine(options);
        using var cache = new CompiledCache(cacheDirectory, options);
        var session = new Session(engine, cache);
        foreach (var f in documents.SelectMany(d => d.Entries).OfType<FunctionEntry>())
        {
            var facts = f.IsWat ? InspectWat(session, f, diagnostics) : InspectBinary(session, f, fsEntries, diagnostics);
            if (facts is not null) modules.Add(facts);
        }
        var embed = FilesToEmbed(fsEntries.Values.Where(e => e.IsEmbedded), diagnostics).ToList();
        if (precompileDirectory is not null)
        {
            var functions = documents.SelectMany(d => d.Entries).OfType<FunctionEntry>();
            embed.AddRange(Precompiler.Run(functions, fsEntries, precompileDirectory, engine, cache)
                .Select(file => $"{Path.GetFullPath(file)}|{Wippy.Host.Loading.CompiledCache.PrecompiledPrefix}{Path.GetFileName(file)}"));
        }
        return new InspectionResult(modules, diagnostics, FilesToCopy(root, fsEntries.Values.Where(e => !e.IsEmbedded)), embed, cache.Compiles);
    }

    /// <summary>
    /// What the component imports from the host (WASI, the process mailbox) and the entry does not grant: the guest
    /// loads, and a call that reaches one fails with PermissionDenied, so the build says it before the first failed call.
    /// An entry without <c>imports:</c> gets WIPPY0220 (a warning at <c>kind:</c>, naming the line to write, or
    /// <c>imports: []</c> to deny them on purpose); one that grants some gets WIPPY0221 (a note at <c>imports:</c>), since
    /// leaving out what a toolchain imports but the guest never calls (wasi-libc's clocks and random) is least privilege.
    /// </summary>
    private static void WarnUngranted(FunctionEntry f, IEnumerable<string> importedInstances, List<WippyDiagnostic> diagnostics)
    {
        if (f.HasField("imports") && f.Imports.Count == 0) return; // "imports: []": nothing granted, on purpose
        var ungranted = Wippy.Host.Wasi.WasiLinking.Ungranted(importedInstances, f.Imports.Select(i => i.Name), f.Transport == FunctionTransport.WasiHttp);
        if (ungranted.Count == 0) return;
        var what = string.Join("; ", ungranted.Select(g => $"{string.Join(", ", g.Instances)} ({g.Group})"));
        if (!f.HasField("imports"))
        {
            var line = "imports: [" + string.Join(", ", ungranted.Select(g => g.Group)) + "]";
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.ImportNotGranted,
                $"entry '{f.Id}': its component imports {what}, and the entry grants none of it (it has no imports:), so a call that reaches them fails with PermissionDenied; " +
                $"write \"{line}\" (or the part the guest uses), or \"imports: []\" to deny them on purpose",
                f.KindPosition));
            return;
        }
        var add = string.Join(" and ", ungranted.Select(g => $"'- {g.Group}'"));
        diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.ImportLeftOut,
            $"entry '{f.Id}': its component also imports {what}, which imports: leaves out: a call that reaches them fails with PermissionDenied; if the guest uses them, add {add}",
            f.PositionOf("imports")));
    }

    /// <summary>
    /// One run of the build step: its engine, the compiled-code cache, the components found invalid (by hash: compiled
    /// once), and the facts of core modules a direct call instantiates (by component hash and module index).
    /// </summary>
    private sealed record Session(WasmEngine Engine, CompiledCache Cache)
    {
        public Dictionary<string, string> InvalidComponents { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ModuleFacts> CoreModuleFacts { get; } = new(StringComparer.Ordinal);
    }

    private static ModuleFacts? InspectWat(Session session, FunctionEntry f, List<WippyDiagnostic> diagnostics)
    {
        if (f.Source is null) return null;
        string text;
        if (f.Source.IsFileReference)
        {
            if (!File.Exists(f.Source.ResolvedPath))
            {
                return null; // the generator reports the missing file (it sees the same AdditionalFiles)
            }
            text = File.ReadAllText(f.Source.ResolvedPath!);
        }
        else
        {
            text = f.Source.Value ?? "";
        }
        try
        {
            var binary = WasmText.ToBinary(text);
            if (WasmBinaryHeader.IsComponent(binary))
            {
                return InspectComponent(session, f, binary, Hash(Encoding.UTF8.GetBytes(text)), f.PositionOf("source"), diagnostics);
            }
            using var module = session.Cache.Module(session.Engine, binary, () => WasmModule.FromBytes(session.Engine, binary));
            return Facts(f.Id, ModuleBinaryKind.Core, Encoding.UTF8.GetBytes(text), module);
        }
        catch (WasmCompileException e)
        {
            var position = f.Source.IsFileReference
                ? SourcePosition.At(f.Source.ResolvedPath!, e.Line ?? 1, e.Column ?? 1)
                : f.Source.MapPosition(e.Line ?? 1, e.Column ?? 1);
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.InvalidWat,
                $"entry '{f.Id}': the WAT does not compile: {FirstLine(e.Message)}", position));
            return null;
        }
    }

    private static ModuleFacts? InspectBinary(Session session, FunctionEntry f, Dictionary<string, FsDirectoryEntry> fsEntries, List<WippyDiagnostic> diagnostics)
    {
        if (f.Fs is null || f.Path is null || !fsEntries.TryGetValue(f.Fs.Id, out var fs) || fs.ResolvedDirectory is null)
        {
            return null; // missing fields and dangling references are the registry validator's to report
        }
        var file = Path.GetFullPath(Path.Combine(fs.ResolvedDirectory, f.Path.TrimStart('/', '\\')));
        if (!File.Exists(file))
        {
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.ModuleFileNotFound,
                $"entry '{f.Id}': the file '{f.Path}' does not exist in '{fs.Id}' (looked at {file}); fix 'path' or add the file", f.PositionOf("path")));
            return null;
        }
        var inside = f.Path.TrimStart('/', '\\').Replace('\\', '/');
        if (fs.IsEmbedded && !fs.Embeds(inside))
        {
            var patterns = string.Join(", ", fs.Include.Select(p => "'" + p.Text + "'"));
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.ModuleNotEmbedded,
                $"entry '{f.Id}': '{f.Path}' would not be in the app: the fs.embed entry '{fs.Id}' includes only {patterns}; add \"'{inside}'\" to its 'include' (declared at {fs.FilePath}:{fs.PositionOf("include").Line})",
                f.PositionOf("path")));
        }
        var bytes = File.ReadAllBytes(file);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (f.Hash is { } hash && !string.Equals(hash.Hex, actual, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.HashMismatch,
                $"entry '{f.Id}': hash mismatch for {f.Path}: expected sha256:{hash.Hex.ToLowerInvariant()}, got sha256:{actual}; if the new file is the one you mean, write \"hash: sha256:{actual}\"",
                hash.Position));
        }
        if (WasmBinaryHeader.IsComponent(bytes))
        {
            return InspectComponent(session, f, bytes, actual, f.PositionOf("path"), diagnostics);
        }
        try
        {
            using var module = session.Cache.Module(session.Engine, bytes, () => WasmModule.FromBytes(session.Engine, bytes));
            return Facts(f.Id, ModuleBinaryKind.Core, bytes, module);
        }
        catch (WasmtimeException e)
        {
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.InvalidModule,
                $"entry '{f.Id}': {f.Path} is not a valid WebAssembly module: {FirstLine(e.Message)}", f.PositionOf("path")));
            return null;
        }
    }

    /// <summary>
    /// A component: validated by Wasmtime, its <c>method</c> found (WIPPY0203 with the functions that exist), the
    /// function's WIT read from the binary, and, when it can be called directly, its core module's exports.
    /// </summary>
    private static ModuleFacts? InspectComponent(Session session, FunctionEntry f, byte[] bytes, string hash, SourcePosition where, List<WippyDiagnostic> diagnostics)
    {
        // Entries often share one component (one per exported function): compiled and validated once (the cache
        // shares a valid one; an invalid one is remembered for the run).
        if (!session.InvalidComponents.TryGetValue(hash, out var invalid))
        {
            try
            {
                using var _ = session.Cache.Component(session.Engine, bytes, () => WasmComponent.FromBytes(session.Engine, bytes));
            }
            catch (WasmtimeException e)
            {
                invalid = FirstLine(e.Message);
                session.InvalidComponents[hash] = invalid;
            }
        }
        if (invalid is not null)
        {
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.InvalidModule,
                $"entry '{f.Id}': {f.Path ?? "the source"} is not a valid WebAssembly component: {invalid}", where));
            return null;
        }
        ComponentPlan plan;
        try
        {
            plan = ResolveMethod(bytes, f);
        }
        catch (ComponentPlanException e)
        {
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.ExportNotFound, $"entry '{f.Id}': {e.Message}", f.PositionOf("method")));
            return null;
        }
        var function = plan.Function;
        if (f.CallPath == ComponentCallPath.Direct && plan.DirectProblem is { } impossible)
        {
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.DirectCallImpossible,
                $"entry '{f.Id}': 'call_path: direct', but the component cannot be called directly: {impossible}; remove 'call_path' (the component model then serves it) or write \"call_path: component-model\"",
                f.PositionOf("call_path")));
            return null;
        }
        if (f.CallPath == ComponentCallPath.ComponentModel) plan = plan.ThroughComponentModel();
        else if (plan.DirectProblem is { } why)
        {
            // Left to the build, which cannot plan it: say so once, with why (an entry that chooses the component model is not told).
            diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.CalledThroughComponentModel,
                $"entry '{f.Id}' is called through Wasmtime's component model, not directly: {why}; write \"call_path: component-model\" to say so (this note then goes away)",
                f.PositionOf("method")));
        }
        WarnUngranted(f, plan.Binary.Imports.Select(i => i.Name), diagnostics);
        var fact = new ComponentFunctionFact(function.Key, function.SignatureWit, function.Fingerprint, plan.DirectCoreExport, plan.DirectProblem);
        var imports = plan.Binary.ImportedFunctions.Select(i =>
        {
            var hashAt = i.Key.LastIndexOf('#');
            return new ComponentImportFact(hashAt < 0 ? null : i.Key.Substring(0, hashAt), i.Name, i.SignatureWit, i.Fingerprint);
        }).ToArray();
        if (plan.DirectCoreModule is not { } core)
        {
            return new ModuleFacts(f.Id, ModuleBinaryKind.Component, hash, Array.Empty<ModuleExportFact>(), fact, imports);
        }
        // A planned component's functions may be lifted from different core modules: the facts are per module.
        var coreKey = hash + "/" + plan.DirectCoreModuleIndex;
        if (!session.CoreModuleFacts.TryGetValue(coreKey, out var coreFacts))
        {
            using var module = session.Cache.Module(session.Engine, core, () => WasmModule.FromBytes(session.Engine, core));
            session.CoreModuleFacts[coreKey] = coreFacts = Facts(f.Id, ModuleBinaryKind.Component, hash, module);
        }
        // A constructor, not `with`: BenchmarkDotNet's child builds put the netstandard2.0 Wippy.Abstractions beside
        // this tool, whose init accessors differ from net10.0's (MissingMethodException on set_*).
        return new ModuleFacts(f.Id, coreFacts.Binary, coreFacts.Sha256, coreFacts.Exports, fact, imports.Length == 0 ? null : imports);
    }

    /// <summary>
    /// The function the entry's <c>method</c> names; for a process whose <c>main</c> is only a default, the standard
    /// <c>wasi:cli/run</c> when the component has no <c>main</c> but exports that (a WASI command).
    /// </summary>
    private static ComponentPlan ResolveMethod(byte[] bytes, FunctionEntry f)
    {
        try
        {
            return ComponentPlan.Resolve(bytes, f.Method ?? "");
        }
        catch (ComponentPlanException) when (f.IsProcess && f.MethodIsDefault)
        {
            try
            {
                return ComponentPlan.Resolve(bytes, ProcessDefaults.CliRunMethod);
            }
            catch (ComponentPlanException)
            {
                // Neither: the error names the default the entry did not write.
            }
            throw;
        }
    }

    /// <summary>Per component hash: null when Wasmtime accepted it, else why not (one build step run is one process).</summary>


    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static ModuleFacts Facts(string entryId, ModuleBinaryKind kind, string hash, WasmModule module) =>
        new(entryId, kind, hash,
            module.Exports.Select(e => new ModuleExportFact(
                e.Name,
                e.Kind.ToString().ToLowerInvariant(),
                e.FunctionType?.Params.Select(Core).ToArray() ?? [],
                e.FunctionType?.Results.Select(Core).ToArray() ?? [])).ToArray());

    private static ModuleFacts Facts(string entryId, ModuleBinaryKind kind, byte[] bytes, WasmModule module) => Facts(entryId, kind, Hash(bytes), module);

    private static string Core(WasmValKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Every file under each fs.directory that lies inside the registry root, relative to it.</summary>
    private static IReadOnlyList<string> FilesToCopy(string root, IEnumerable<FsDirectoryEntry> fsEntries)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var fs in fsEntries)
        {
            if (fs.ResolvedDirectory is null || !Directory.Exists(fs.ResolvedDirectory)) continue;
            foreach (var file in Directory.EnumerateFiles(fs.ResolvedDirectory, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file);
                if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) files.Add(relative.Replace('\\', '/'));
            }
        }
        return files.ToList();
    }

    /// <summary>
    /// The files of each fs.embed directory that its <c>include</c> patterns select (all when it has none), as
    /// <c>&lt;full path&gt;|wippy.fs/&lt;entry id&gt;/&lt;path in the directory&gt;</c>: the build embeds each in the app
    /// under that resource name (Wippy.Generators.targets). A pattern that selects nothing is an error at its line.
    /// </summary>
    private static IReadOnlyList<string> FilesToEmbed(IEnumerable<FsDirectoryEntry> embedEntries, List<WippyDiagnostic> diagnostics)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var fs in embedEntries)
        {
            if (fs.ResolvedDirectory is null || !Directory.Exists(fs.ResolvedDirectory)) continue;
            var inDirectory = Directory.EnumerateFiles(fs.ResolvedDirectory, "*", SearchOption.AllDirectories)
                .Select(file => (Full: Path.GetFullPath(file), Inside: Path.GetRelativePath(fs.ResolvedDirectory, file).Replace('\\', '/')))
                .OrderBy(file => file.Inside, StringComparer.Ordinal)
                .ToList();
            foreach (var (full, inside) in inDirectory)
            {
                if (fs.Embeds(inside)) files.Add($"{full}|wippy.fs/{fs.Id}/{inside}");
            }
            foreach (var pattern in fs.Include.Where(p => !inDirectory.Any(file => p.Matches(file.Inside))))
            {
                var some = string.Join(", ", inDirectory.Take(5).Select(file => "'" + file.Inside + "'"));
                diagnostics.Add(new WippyDiagnostic(ModuleDiagnosticIds.IncludeMatchesNothing,
                    $"entry '{fs.Id}': the include pattern '{pattern.Text}' matches no file in {fs.Directory} ({(some.Length == 0 ? "it is empty" : "it has " + some + (inDirectory.Count > 5 ? ", …" : ""))}); fix the pattern or remove it",
                    pattern.Position));
            }
        }
        return files.ToList();
    }

    /// <summary>Wasmtime's message without the source excerpt it draws (the diagnostic already has the position).</summary>
    private static string FirstLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("-->", StringComparison.Ordinal) && !l.StartsWith('|') && !(l.Length > 0 && char.IsDigit(l[0]) && l.Contains('|')))
            .Where(l => l != "Caused by:");
        return string.Join(": ", lines.Take(2));
    }
}
