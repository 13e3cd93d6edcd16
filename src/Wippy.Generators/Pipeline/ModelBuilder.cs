using Wippy.Diagnostics;
using Wippy.Generators.Abi;
using Wippy.Generators.Emit;
using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Registry;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// Builds the emitters' models from the parsed registry: one <see cref="NamespaceModel"/> per registry
/// namespace, with each function's signature (from its <c>wit:</c>, or from the core type the build step
/// found), checked against the module's exports. Every problem becomes a diagnostic; an entry with a
/// problem is left out of the proxies, the rest still compile.
/// </summary>
internal sealed class ModelBuilder
{
    private readonly GeneratorInputs _inputs;
    private readonly List<WippyDiagnostic> _diagnostics = new();
    private readonly Dictionary<string, ModuleFacts> _facts;
    private readonly Dictionary<string, SourcePosition> _signaturePositions = new(StringComparer.Ordinal);

    public ModelBuilder(GeneratorInputs inputs)
    {
        _inputs = inputs;
        _facts = inputs.Modules.ToDictionary(m => m.EntryId, StringComparer.Ordinal);
    }

    public IReadOnlyList<WippyDiagnostic> Diagnostics => _diagnostics;

    public IReadOnlyList<NamespaceModel> Build()
    {
        var result = new List<NamespaceModel>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var csNamespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var byNamespace = _inputs.Documents
            .SelectMany(d => d.Entries)
            .Where(e => ids.Add(e.Id)) // a duplicate id is WIPPY0030 (validator); the first declaration wins
            .GroupBy(e => e.Namespace, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byNamespace)
        {
            var segments = group.Key.Split('.').Select(CsNaming.Pascal).ToList();
            var csNamespace = _inputs.RootNamespace + "." + string.Join(".", segments);
            if (csNamespaces.TryGetValue(csNamespace, out var other))
            {
                Report(ModuleDiagnosticIds.NameCollision, group.First().Position,
                    $"namespace '{group.Key}' would become the C# namespace '{csNamespace}', like namespace '{other}'; rename one of them");
                continue;
            }
            csNamespaces[csNamespace] = group.Key;

            var functions = new List<FunctionModel>();
            var fsDirs = new List<FsDirectoryModel>();
            var envVariables = new List<EnvVariableModel>();
            var envStorages = new List<EnvStorageModel>();
            var luaFunctions = new List<LuaFunctionModel>();
            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in group)
            {
                switch (entry)
                {
                    case FunctionEntry f when f.Kind is RegistryKinds.FunctionWat or RegistryKinds.FunctionWasm:
                        var csName = CsNaming.Pascal(f.Name);
                        if (members.TryGetValue(csName, out var twin))
                        {
                            Report(ModuleDiagnosticIds.NameCollision, f.NamePosition,
                                $"entry '{f.Id}' would become the C# method '{csName}', like '{twin}'; rename one of them");
                            break;
                        }
                        members[csName] = f.Id;
                        if (BuildFunction(f) is { } model) functions.Add(model);
                        break;
                    case LuaFunctionEntry lua when BuildLuaFunction(lua) is { } luaModel:
                        if (luaModel.Signature is not null)
                        {
                            // a typed Lua function gets a proxy method next to the WASM functions' ones
                            if (members.TryGetValue(luaModel.CsName, out var luaTwin))
                            {
                                Report(ModuleDiagnosticIds.NameCollision, lua.NamePosition,
                                    $"entry '{lua.Id}' would become the C# method '{luaModel.CsName}', like '{luaTwin}'; rename one of them");
                                break;
                            }
                            members[luaModel.CsName] = lua.Id;
                        }
                        luaFunctions.Add(luaModel);
                        break;
                    case EnvVariableEntry v:
                        envVariables.Add(new EnvVariableModel(v.Id, v.Variable, v.Storage?.Id, v.Default, v.ReadOnly, DeclaredAt(v.Position)));
                        break;
                    case EnvStorageEntry st:
                        envStorages.Add(new EnvStorageModel(st.Id, st.Kind,
                            st.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new EnvValueModel(kv.Key, kv.Value)).ToEquatableArray(),
                            st.ResolvedFilePath is null ? null : PathUtil.RelativeTo(_inputs.RegistryRoot, st.ResolvedFilePath),
                            st.AutoCreate, st.Storages.Select(r => r.Id).ToEquatableArray(), DeclaredAt(st.Position)));
                        break;
                    case FsDirectoryEntry fs when fs.ResolvedDirectory is not null:
                        fsDirs.Add(new FsDirectoryModel(fs.Id, PathUtil.RelativeTo(_inputs.RegistryRoot, fs.ResolvedDirectory), fs.AutoInit, fs.ModeValue, DeclaredAt(fs.Position)) { Embedded = fs.IsEmbedded });
                        break;
                }
            }
            var className = segments[segments.Count - 1] + "Functions";
            result.Add(new NamespaceModel(group.Key, csNamespace, className,
                functions.OrderBy(f => f.Id, StringComparer.Ordinal).ToEquatableArray(),
                fsDirs.OrderBy(f => f.Id, StringComparer.Ordinal).ToEquatableArray(),
                CollectNamedTypes(group.Key,
                    functions.Select(f => (f.Id, f.Params.Select(p => p.Type).Append(f.Result)
                        .Concat(f.ComponentImports.SelectMany(i => i.Params.Select(p => p.Type).Append(i.Result)))))
                    .Concat(luaFunctions.Where(l => l.Signature is not null)
                        .Select(l => (l.Id, l.Signature!.Params.Select(p => p.Type).Append(l.Signature.Result))))))
            {
                ImportInterfaces = ImportInterfaces(functions),
                LuaFunctions = luaFunctions.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
                EnvVariables = envVariables.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
                EnvStorages = envStorages.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
            });
        }
        return result;
    }

    private FunctionModel? BuildFunction(FunctionEntry f)
    {
        if (f.Method is null) return null; // reported by the registry parser
        var source = BuildSource(f);
        if (source is null) return null;
        _facts.TryGetValue(f.Id, out var facts);
        var component = facts?.Component;
        if (facts is { Binary: ModuleBinaryKind.Component } && component is null) return null; // the build step reported why

        // A component called directly runs its core module's export; otherwise the core module is the entry's.
        var coreExportName = component is null ? f.Method : component.CoreExport;
        var export = coreExportName is null ? null : facts?.FindExport(coreExportName);
        if (facts is not null && component is null && (export is null || export.Kind != "func"))
        {
            var funcs = facts.Exports.Where(e => e.Kind == "func").Select(e => e.Name).ToList();
            Report(ModuleDiagnosticIds.ExportNotFound, f.PositionOf("method"),
                $"entry '{f.Id}': the module exports no function '{f.Method}'; write one of: {(funcs.Count == 0 ? "(none)" : string.Join(", ", funcs))}");
            return null;
        }
        // A component that cannot be called directly (imports, several core modules…) goes through Wasmtime's component model.
        var callsComponentModel = component is not null && component.CoreExport is null;

        _signaturePositions[f.Id] = f.Wit?.Position ?? f.PositionOf("method");
        var signature = f.Wit is not null ? SignatureFromWit(f)
            : component is not null ? SignatureFromComponent(f, component)
            : SignatureFromCore(f, export);
        if (signature is null) return null;
        var (parameters, resultType, witText, witDocs) = signature.Value;
        if (component is not null && Fingerprints.Of(parameters.Select(p => p.Type), resultType) is var fingerprint && fingerprint != component.Fingerprint)
        {
            Report(ModuleDiagnosticIds.SignatureMismatch, f.Wit?.Position ?? f.PositionOf("method"),
                $"entry '{f.Id}': the component's function '{component.Key}' has the type {component.Fingerprint}, but the wit: signature '{witText}' is {fingerprint}; " +
                $"write the component's own signature (it is: {component.SignatureWit.Trim().Replace("\n", " ")}), or remove wit: to use it");
            return null;
        }

        var model = new FunctionModel(
            f.Id, f.Kind, CsNaming.Pascal(f.Name), f.Method, coreExportName ?? f.Method, component?.Fingerprint,
            Docs(f, witDocs),
            parameters.ToEquatableArray(), resultType, witText, f.Wit is not null,
            source,
            new PoolModel(f.Pool.EffectiveType.ToString().ToLowerInvariant(), f.Pool.Size, f.Pool.Workers, f.Pool.Buffer, f.Pool.MaxSize, f.Pool.WarmStart),
            new LimitsModel(f.Limits.MaxExecutionMs, f.Limits.MaxMemoryBytes, f.Limits.MaxRetainedMemoryBytes),
            f.Transport == FunctionTransport.WasiHttp ? "wasi-http" : "payload",
            f.Imports.Select(i => i.Name).ToEquatableArray(),
            DeclaredAt(f.Position))
        {
            CallsComponentModel = callsComponentModel,
            ComponentImports = callsComponentModel ? ImportFunctions(facts!).ToEquatableArray() : default,
            Wasi = WasiOf(f.Wasi),
        };

        return callsComponentModel || CheckAgainstModule(f, model, facts, export) ? model : null;
    }

    private static WasiModel? WasiOf(WasiConfig wasi) => wasi.Position is null ? null : new WasiModel(
        wasi.Args.ToEquatableArray(),
        wasi.Cwd,
        wasi.Env.Select(e => new WasiEnvModel(e.Id.Id, e.Name, e.Required)).ToEquatableArray(),
        wasi.Mounts.Select(m => new WasiMountModel(m.Fs.Id, m.Guest, m.ReadOnly)).ToEquatableArray());

    /// <summary>
    /// The imported functions of a component that C# can implement: those of interfaces outside WASI whose types map
    /// to C#. The others get no binding; calling them fails with an error naming the import.
    /// </summary>
    private static IEnumerable<ImportFunctionModel> ImportFunctions(ModuleFacts facts)
    {
        foreach (var import in facts.Imports ?? Array.Empty<ComponentImportFact>())
        {
            if (import.Instance is null || import.Instance.StartsWith("wasi:", StringComparison.Ordinal)) continue;
            var parsed = WitParser.ParseSignatures(import.SignatureWit, "(component import)");
            var scope = parsed.Document?.Interfaces.FirstOrDefault();
            var function = scope?.Functions.FirstOrDefault(fn => fn.Name == import.Function);
            if (scope is null || function is null || parsed.Diagnostics.Count > 0) continue;
            var scratch = new List<WippyDiagnostic>();
            var mapper = new WitTypeMapper(scope, facts.EntryId, scratch);
            var parameters = function.Params.Select(p => new ParamModel(p.Name, CsNaming.Camel(p.Name), mapper.Map(p.Type)!)).ToList();
            var result = function.Result is null ? null : mapper.Map(function.Result);
            if (scratch.Count > 0) continue;
            yield return new ImportFunctionModel(import.Instance, import.Function, CsNaming.Pascal(import.Function), parameters.ToEquatableArray(), result,
                SignatureText(import.Function, parameters, result));
        }
    }

    /// <summary>One C# interface per imported WIT interface: <c>I</c> + the interface's name, qualified by its package when two would clash.</summary>
    private EquatableArray<ImportInterfaceModel> ImportInterfaces(IEnumerable<FunctionModel> functions)
    {
        var byInstance = new Dictionary<string, List<ImportFunctionModel>>(StringComparer.Ordinal);
        foreach (var import in functions.SelectMany(f => f.ComponentImports))
        {
            if (!byInstance.TryGetValue(import.Instance, out var list)) byInstance[import.Instance] = list = new List<ImportFunctionModel>();
            if (!list.Any(x => x.WitName == import.WitName)) list.Add(import);
        }
        static (string Package, string Interface) Parts(string instance)
        {
            var at = instance.IndexOf('@');
            var name = at >= 0 ? instance.Substring(0, at) : instance;
            var slash = name.IndexOf('/');
            var colon = name.IndexOf(':');
            return (slash > colon && colon >= 0 ? name.Substring(colon + 1, slash - colon - 1) : "", slash >= 0 ? name.Substring(slash + 1) : name);
        }
        var shortNames = byInstance.Keys.GroupBy(k => Parts(k).Interface, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return byInstance.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var (package, iface) = Parts(kv.Key);
            var csName = "I" + (shortNames[iface] > 1 ? CsNaming.Pascal(package) : "") + CsNaming.Pascal(iface);
            return new ImportInterfaceModel(kv.Key, csName, kv.Value.OrderBy(x => x.WitName, StringComparer.Ordinal).ToEquatableArray());
        }).ToEquatableArray();
    }

    /// <summary>A function.lua entry, its <c>file://</c> source read now (a missing file is WIPPY module-file-not-found at source:).</summary>
    private LuaFunctionModel? BuildLuaFunction(LuaFunctionEntry lua)
    {
        if (lua.Source is null || lua.Method is null) return null;
        var text = lua.Source.Value;
        string? file = null;
        if (lua.Source.IsFileReference)
        {
            text = _inputs.FindText(lua.Source.ResolvedPath!);
            if (text is null)
            {
                Report(ModuleDiagnosticIds.ModuleFileNotFound, lua.Source.Position,
                    $"entry '{lua.Id}': the Lua file '{lua.Source.FileReference}' was not found next to {System.IO.Path.GetFileName(lua.FilePath)}; create it or fix the path (file:// paths are relative to the YAML file)");
                return null;
            }
            file = PathUtil.RelativeTo(_inputs.RegistryRoot, lua.Source.ResolvedPath!);
        }
        LuaSignatureModel? signature = null;
        if (lua.Wit is not null)
        {
            _signaturePositions[lua.Id] = lua.Wit.Position;
            if (LuaSignature(lua) is not { } parsed) return null;
            signature = new LuaSignatureModel(parsed.Item1.ToEquatableArray(), parsed.Item2, parsed.Item3);
        }
        return new LuaFunctionModel(lua.Id, text ?? "", file, lua.Method, lua.Modules.Select(m => m.Name).ToEquatableArray(),
            new PoolModel(lua.Pool.EffectiveType.ToString().ToLowerInvariant(), lua.Pool.Size, lua.Pool.Workers, lua.Pool.Buffer, lua.Pool.MaxSize, lua.Pool.WarmStart),
            lua.Limits.MaxExecutionMs, DeclaredAt(lua.Position))
        {
            CsName = CsNaming.Pascal(lua.Name),
            Signature = signature,
        };
    }

    /// <summary>
    /// The signature a function.lua's <c>wit:</c> declares: a block of function signatures (inline or <c>file://</c>),
    /// holding the method's name with <c>_</c> written <c>-</c> (<c>lua_pipeline</c> → <c>lua-pipeline</c>).
    /// </summary>
    private (List<ParamModel>, TypeModel?, string, string?)? LuaSignature(LuaFunctionEntry lua)
    {
        var wit = lua.Wit!;
        WitParseResult parsed;
        if (wit.IsFileReference)
        {
            var fileText = _inputs.FindText(wit.ResolvedPath!);
            if (fileText is null)
            {
                Report(ModuleDiagnosticIds.ModuleFileNotFound, wit.Position,
                    $"entry '{lua.Id}': the WIT file '{wit.FileReference}' was not found; create it or fix the path (file:// paths are relative to the YAML file)");
                return null;
            }
            parsed = WitParser.ParseSignatures(fileText, wit.ResolvedPath!);
        }
        else
        {
            parsed = WitParser.ParseSignatures(wit.Value ?? "", wit.Position.FilePath, wit.ContentLine, wit.ContentColumnOffset);
        }
        return SignatureFromBlock(lua.Id, parsed, lua.Method!.Replace('_', '-'), wit.Position);
    }

    private ModuleSourceModel? BuildSource(FunctionEntry f)
    {
        if (f.IsWat)
        {
            if (f.Source is null) return null;
            if (!f.Source.IsFileReference) return new ModuleSourceModel(ModuleSourceKind.InlineWat, f.Source.Value ?? "", null, null, null);
            var text = _inputs.FindText(f.Source.ResolvedPath!);
            if (text is null)
            {
                Report(ModuleDiagnosticIds.ModuleFileNotFound, f.Source.Position,
                    $"entry '{f.Id}': the WAT file '{f.Source.FileReference}' was not found next to {System.IO.Path.GetFileName(f.FilePath)}; create it or fix the path (file:// paths are relative to the YAML file)");
                return null;
            }
            return new ModuleSourceModel(ModuleSourceKind.WatFile, text, null, PathUtil.RelativeTo(_inputs.RegistryRoot, f.Source.ResolvedPath!), null);
        }
        if (f.Fs is null || f.Path is null || f.Hash is null) return null;
        return new ModuleSourceModel(ModuleSourceKind.FsBinary, null, f.Fs.Id, f.Path, f.Hash.Raw);
    }

    private (List<ParamModel>, TypeModel?, string, string?)? SignatureFromWit(FunctionEntry f)
    {
        var wit = f.Wit!;
        var functionName = FunctionName(f.Method!);
        if (wit.IsFileReference)
        {
            var fileText = _inputs.FindText(wit.ResolvedPath!);
            if (fileText is null)
            {
                var directoryFiles = _inputs.FindWitFilesUnder(wit.ResolvedPath!);
                if (directoryFiles.Count > 0) return SignatureFromPackage(f, directoryFiles, wit.ResolvedPath!);
                Report(ModuleDiagnosticIds.ModuleFileNotFound, wit.Position,
                    $"entry '{f.Id}': the WIT file or directory '{wit.FileReference}' was not found; create it or fix the path (file:// paths are relative to the YAML file; a directory holds a package's .wit files and its deps/)");
                return null;
            }
            var whole = WitParser.Parse(fileText, wit.ResolvedPath!);
            if (whole.Document is not null && WitPackageSignatures.IsPackageText(whole.Document))
            {
                return SignatureFromPackage(f, new[] { new TextFile(wit.ResolvedPath!, fileText) }, null);
            }
            return SignatureFromBlock(f, WitParser.ParseSignatures(fileText, wit.ResolvedPath!), functionName, wit.Position);
        }
        var text = wit.Value ?? "";
        var inlineWhole = WitParser.Parse(text, wit.Position.FilePath, wit.ContentLine, wit.ContentColumnOffset);
        if (inlineWhole.Document is not null && WitPackageSignatures.IsPackageText(inlineWhole.Document))
        {
            return SignatureFromParsedPackage(f, new[] { inlineWhole }, 1);
        }
        return SignatureFromBlock(f, WitParser.ParseSignatures(text, wit.Position.FilePath, wit.ContentLine, wit.ContentColumnOffset), functionName, wit.Position);
    }

    /// <summary>The function a method names: the part after '#' for an interface function.</summary>
    private static string FunctionName(string method) => method.IndexOf('#') is var hash and >= 0 ? method.Substring(hash + 1) : method;

    /// <summary>The signature the build step read from the component binary (the component carries its WIT).</summary>
    private (List<ParamModel>, TypeModel?, string, string?)? SignatureFromComponent(FunctionEntry f, ComponentFunctionFact component)
    {
        var where = f.PositionOf(f.IsWat ? "source" : "path");
        var parsed = WitParser.ParseSignatures(component.SignatureWit, where.FilePath);
        // Positions inside text read from a binary mean nothing to the user: point at the entry instead.
        var before = _diagnostics.Count;
        var result = SignatureFromBlock(f, parsed, FunctionName(component.Key), where);
        for (var i = before; i < _diagnostics.Count; i++)
        {
            var d = _diagnostics[i];
            _diagnostics[i] = new WippyDiagnostic(d.Id, d.Severity, d.Message + $" (in the signature the component carries: {component.SignatureWit.Trim().Replace("\n", " ")}; add a wit: signature to choose other types)", where);
        }
        return result;
    }

    private (List<ParamModel>, TypeModel?, string, string?)? SignatureFromBlock(FunctionEntry f, WitParseResult parsed, string functionName, SourcePosition witPosition) =>
        SignatureFromBlock(f.Id, parsed, functionName, witPosition);

    private (List<ParamModel>, TypeModel?, string, string?)? SignatureFromBlock(string entryId, WitParseResult parsed, string functionName, SourcePosition witPosition)
    {
        _diagnostics.AddRange(parsed.Diagnostics);
        if (parsed.Document is null || parsed.Diagnostics.Any(d => d.Severity == WippySeverity.Error)) return null;
        var scope = parsed.Document.Interfaces.FirstOrDefault();
        var function = scope?.Functions.FirstOrDefault(fn => string.Equals(fn.Name, functionName, StringComparison.Ordinal));
        if (scope is null || function is null)
        {
            var names = scope?.Functions.Select(fn => fn.Name).ToList() ?? new List<string>();
            Report(ModuleDiagnosticIds.WitFunctionNotFound, witPosition,
                $"entry '{entryId}': the wit signature declares no function '{functionName}'; add \"{functionName}: func(...) -> ...;\"" +
                (names.Count > 0 ? $" or set method to one of: {string.Join(", ", names)}" : ""));
            return null;
        }
        return MapFunction(function, new WitTypeMapper(scope, entryId, _diagnostics));
    }

    /// <summary>
    /// A whole WIT package: files of a <c>file://dir/</c> (those directly in it form the package; those under
    /// <c>deps/</c> its dependencies) or one package file.
    /// </summary>
    private (List<ParamModel>, TypeModel?, string, string?)? SignatureFromPackage(FunctionEntry f, IReadOnlyList<TextFile> files, string? directory)
    {
        var parsed = new List<WitParseResult>();
        var rootCount = 0;
        foreach (var file in files.OrderBy(x => IsDependency(x.Path, directory) ? 1 : 0).ThenBy(x => x.Path, StringComparer.Ordinal))
        {
            if (!IsDependency(file.Path, directory)) rootCount++;
            parsed.Add(WitParser.Parse(file.Text, file.Path));
        }
        return SignatureFromParsedPackage(f, parsed, rootCount);
    }

    private static bool IsDependency(string path, string? directory)
    {
        if (directory is null) return false;
        var relative = PathUtil.RelativeTo(directory, path);
        return relative.IndexOf('/') >= 0;
    }

    private (List<ParamModel>, TypeModel?, string, string?)? SignatureFromParsedPackage(FunctionEntry f, IReadOnlyList<WitParseResult> parsed, int rootCount)
    {
        foreach (var p in parsed) _diagnostics.AddRange(p.Diagnostics);
        if (parsed.Any(p => p.Document is null || p.Diagnostics.Any(d => d.Severity == WippySeverity.Error))) return null;
        var documents = parsed.Select(p => p.Document!).ToList();
        var resolution = WitResolver.Resolve(documents);
        _diagnostics.AddRange(resolution.Diagnostics);
        if (resolution.Diagnostics.Any(d => d.Severity == WippySeverity.Error)) return null;
        var candidates = new List<string>();
        var function = WitPackageSignatures.Find(resolution, documents.Take(rootCount).ToList(), f.Method!, candidates);
        if (function is null)
        {
            Report(ModuleDiagnosticIds.WitFunctionNotFound, f.Wit!.Position,
                $"entry '{f.Id}': the WIT package has no function '{f.Method}' (a world export, or iface#func for an interface function)" +
                (candidates.Count > 0 ? $"; write one of: {string.Join(", ", candidates)}" : ""));
            return null;
        }
        return MapFunction(function, new WitTypeMapper(resolution, f.Id, _diagnostics));
    }

    private (List<ParamModel>, TypeModel?, string, string?)? MapFunction(WitFunction function, WitTypeMapper mapper)
    {
        var before = _diagnostics.Count;
        var parameters = new List<ParamModel>();
        foreach (var p in function.Params)
        {
            var t = mapper.Map(p.Type);
            if (t is not null) parameters.Add(new ParamModel(p.Name, CsNaming.Camel(p.Name), t));
        }
        var result = function.Result is null ? null : mapper.Map(function.Result);
        if (_diagnostics.Count != before) return null;
        return (parameters, result, SignatureText(function.Name, parameters, result), function.Docs);
    }

    private (List<ParamModel>, TypeModel?, string, string?)? SignatureFromCore(FunctionEntry f, ModuleExportFact? export)
    {
        if (export is null)
        {
            Report(ModuleDiagnosticIds.NoSignature, f.PositionOf("method"),
                $"entry '{f.Id}': no signature is known; add e.g. \"wit: {f.Method}: func(a: s32) -> s32;\" or build with the Wippy build targets so the module's core type can be read");
            return null;
        }
        var parameters = new List<ParamModel>();
        for (var i = 0; i < export.Params.Count; i++)
        {
            var t = CoreToWit(export.Params[i]);
            if (t is null) return UnsupportedCore(f, export);
            parameters.Add(new ParamModel("p" + i, "p" + i, t));
        }
        if (export.Results.Count > 1) return UnsupportedCore(f, export);
        TypeModel? result = null;
        if (export.Results.Count == 1 && (result = CoreToWit(export.Results[0])) is null) return UnsupportedCore(f, export);
        return (parameters, result, SignatureText(f.Method!, parameters, result), null);
    }

    private (List<ParamModel>, TypeModel?, string, string?)? UnsupportedCore(FunctionEntry f, ModuleExportFact export)
    {
        Report(ModuleDiagnosticIds.UnsupportedCoreSignature, f.PositionOf("method"),
            $"entry '{f.Id}': the export '{export.Name}' has the core type ({string.Join(", ", export.Params)}) -> ({string.Join(", ", export.Results)}), which has no WIT equivalent; add a wit: signature");
        return null;
    }

    private static TypeModel? CoreToWit(string core) => core switch
    {
        "i32" => new PrimitiveType(PrimitiveKind.S32),
        "i64" => new PrimitiveType(PrimitiveKind.S64),
        "f32" => new PrimitiveType(PrimitiveKind.F32),
        "f64" => new PrimitiveType(PrimitiveKind.F64),
        _ => null,
    };

    /// <summary>The signature must flatten to the export's core type, and memory-passing needs memory and cabi_realloc.</summary>
    private bool CheckAgainstModule(FunctionEntry f, FunctionModel model, ModuleFacts? facts, ModuleExportFact? export)
    {
        if (facts is null || export is null) return true;
        var wantParams = CoreCallEmitter.CoreParams(model).Select(k => k.ToString().ToLowerInvariant()).ToList();
        var wantResults = CoreCallEmitter.CoreResults(model).Select(k => k.ToString().ToLowerInvariant()).ToList();
        if (!wantParams.SequenceEqual(export.Params) || !wantResults.SequenceEqual(export.Results))
        {
            Report(ModuleDiagnosticIds.SignatureMismatch, f.Wit?.Position ?? f.PositionOf("method"),
                $"entry '{f.Id}': the signature '{model.WitSignature}' lowers to the core type ({string.Join(", ", wantParams)}) -> ({string.Join(", ", wantResults)}), " +
                $"but the export '{export.Name}' has ({string.Join(", ", export.Params)}) -> ({string.Join(", ", export.Results)}); fix the wit: signature to match the module");
            return false;
        }
        if (NeedsMemory(model))
        {
            var missing = new[] { "memory", "cabi_realloc" }.Where(n => facts.FindExport(n) is null).ToList();
            if (missing.Count > 0)
            {
                Report(ModuleDiagnosticIds.MissingMemoryOrRealloc, f.Wit?.Position ?? f.PositionOf("method"),
                    $"entry '{f.Id}': the signature passes strings, lists or results through linear memory, but the module does not export {string.Join(" or ", missing)}; export them (cabi_realloc(old_ptr, old_size, align, new_size) -> ptr)");
                return false;
            }
        }
        return true;
    }

    private static bool NeedsMemory(FunctionModel f)
    {
        bool Uses(TypeModel? t) => t switch
        {
            null => false,
            PrimitiveType p => p.Kind == PrimitiveKind.String,
            ListType => true,
            OptionType o => Uses(o.Inner),
            ResultType r => Uses(r.Ok) || Uses(r.Err),
            TupleType t2 => t2.Elements.Any(Uses),
            RecordType r => r.Fields.Any(x => Uses(x.Type)),
            VariantType v => v.Cases.Any(c => Uses(c.Payload)),
            _ => false,
        };
        return f.Params.Any(p => Uses(p.Type)) || Uses(f.Result)
            || AbiLayout.Flatten(f.Params.Select(p => p.Type)).Count > AbiLayout.MaxFlatParams
            || (f.Result is not null && AbiLayout.Flatten(f.Result).Count > AbiLayout.MaxFlatResults);
    }

    /// <summary>Named types in first-use order; a name defined twice differently is a diagnostic.</summary>
    private EquatableArray<TypeModel> CollectNamedTypes(string ns, IEnumerable<(string Id, IEnumerable<TypeModel?> Types)> functions)
    {
        var seen = new Dictionary<string, (TypeModel Type, string Entry)>(StringComparer.Ordinal);
        var order = new List<TypeModel>();
        void Visit(TypeModel? t, (string Id, IEnumerable<TypeModel?> Types) owner)
        {
            switch (t)
            {
                case null: return;
                case ListType l: Visit(l.Element, owner); return;
                case OptionType o: Visit(o.Inner, owner); return;
                case ResultType r: Visit(r.Ok, owner); Visit(r.Err, owner); return;
                case TupleType tt: foreach (var e in tt.Elements) Visit(e, owner); return;
                case PrimitiveType: return;
            }
            var name = TypeNames.Key(t);
            if (seen.TryGetValue(name, out var prior))
            {
                if (!prior.Type.Equals(t))
                {
                    Report(ModuleDiagnosticIds.ConflictingTypeDefinition, _signaturePositions[owner.Id],
                        $"namespace '{ns}': the WIT type '{TypeNames.Wit(t)}' is defined differently by '{prior.Entry}' and '{owner.Id}'; give one of them another name or make the definitions equal");
                }
                return;
            }
            seen[name] = (t, owner.Id);
            order.Add(t);
            switch (t)
            {
                case RecordType r: foreach (var f in r.Fields) Visit(f.Type, owner); break;
                case VariantType v: foreach (var c in v.Cases) Visit(c.Payload, owner); break;
            }
        }
        foreach (var f in functions)
        {
            foreach (var t in f.Types) Visit(t, f);
        }
        return order.ToEquatableArray();
    }

    private static string SignatureText(string name, IEnumerable<ParamModel> parameters, TypeModel? result) =>
        $"{name}: func({string.Join(", ", parameters.Select(p => $"{p.WitName}: {TypeNames.Wit(p.Type)}"))})" + (result is null ? "" : " -> " + TypeNames.Wit(result));

    private static string? Docs(FunctionEntry f, string? witDocs)
    {
        var parts = new List<string>();
        if (witDocs is not null) parts.Add(witDocs);
        if (f.Meta.Title is { } title) parts.Add(title);
        if (f.Meta.Comment is { } comment) parts.Add(comment);
        return parts.Count == 0 ? null : string.Join("\n", parts);
    }

    private string DeclaredAt(SourcePosition p) => $"{PathUtil.RelativeTo(_inputs.RegistryRoot, p.FilePath)}:{p.Line}";

    private void Report(string id, SourcePosition position, string message) =>
        _diagnostics.Add(new WippyDiagnostic(id, message, position));
}
