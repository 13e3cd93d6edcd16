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
                    case FsDirectoryEntry fs when fs.ResolvedDirectory is not null:
                        fsDirs.Add(new FsDirectoryModel(fs.Id, PathUtil.RelativeTo(_inputs.RegistryRoot, fs.ResolvedDirectory), DeclaredAt(fs.Position)));
                        break;
                }
            }
            var className = segments[segments.Count - 1] + "Functions";
            result.Add(new NamespaceModel(group.Key, csNamespace, className,
                functions.OrderBy(f => f.Id, StringComparer.Ordinal).ToEquatableArray(),
                fsDirs.OrderBy(f => f.Id, StringComparer.Ordinal).ToEquatableArray(),
                CollectNamedTypes(group.Key, functions)));
        }
        return result;
    }

    private FunctionModel? BuildFunction(FunctionEntry f)
    {
        if (f.Method is null) return null; // reported by the registry parser
        var source = BuildSource(f);
        if (source is null) return null;
        _facts.TryGetValue(f.Id, out var facts);
        if (facts is { Binary: ModuleBinaryKind.Component })
        {
            Report(ModuleDiagnosticIds.ComponentNotSupported, f.PositionOf(f.IsWat ? "source" : "path"),
                $"entry '{f.Id}': the module is a WebAssembly component; typed calls into components are not supported yet, use a core module");
            return null;
        }

        var export = facts?.FindExport(f.Method);
        if (facts is not null && (export is null || export.Kind != "func"))
        {
            var funcs = facts.Exports.Where(e => e.Kind == "func").Select(e => e.Name).ToList();
            Report(ModuleDiagnosticIds.ExportNotFound, f.PositionOf("method"),
                $"entry '{f.Id}': the module exports no function '{f.Method}'; write one of: {(funcs.Count == 0 ? "(none)" : string.Join(", ", funcs))}");
            return null;
        }

        _signaturePositions[f.Id] = f.Wit?.Position ?? f.PositionOf("method");
        var signature = f.Wit is not null ? SignatureFromWit(f) : SignatureFromCore(f, export);
        if (signature is null) return null;
        var (parameters, resultType, witText, witDocs) = signature.Value;

        var model = new FunctionModel(
            f.Id, f.Kind, CsNaming.Pascal(f.Name), f.Method,
            Docs(f, witDocs),
            parameters.ToEquatableArray(), resultType, witText, f.Wit is not null,
            source,
            new PoolModel(f.Pool.EffectiveType.ToString().ToLowerInvariant(), f.Pool.Size, f.Pool.Workers, f.Pool.Buffer, f.Pool.MaxSize, f.Pool.WarmStart),
            new LimitsModel(f.Limits.MaxExecutionMs, f.Limits.MaxMemoryBytes, f.Limits.MaxRetainedMemoryBytes),
            f.Transport == FunctionTransport.WasiHttp ? "wasi-http" : "payload",
            f.Imports.Select(i => i.Name).ToEquatableArray(),
            DeclaredAt(f.Position));

        return CheckAgainstModule(f, model, facts, export) ? model : null;
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
        string text;
        WitParseResult parsed;
        if (wit.IsFileReference)
        {
            var fileText = _inputs.FindText(wit.ResolvedPath!);
            if (fileText is null)
            {
                Report(ModuleDiagnosticIds.ModuleFileNotFound, wit.Position,
                    $"entry '{f.Id}': the WIT file '{wit.FileReference}' was not found; create it or fix the path (file:// paths are relative to the YAML file)");
                return null;
            }
            text = fileText;
            parsed = WitParser.ParseSignatures(text, wit.ResolvedPath!);
        }
        else
        {
            text = wit.Value ?? "";
            parsed = WitParser.ParseSignatures(text, wit.Position.FilePath, wit.ContentLine, wit.ContentColumnOffset);
        }
        _diagnostics.AddRange(parsed.Diagnostics);
        if (parsed.Document is null || parsed.Diagnostics.Any(d => d.Severity == WippySeverity.Error)) return null;
        var scope = parsed.Document.Interfaces.FirstOrDefault();
        var function = scope?.Functions.FirstOrDefault(fn => string.Equals(fn.Name, f.Method, StringComparison.Ordinal));
        if (scope is null || function is null)
        {
            var names = scope?.Functions.Select(fn => fn.Name).ToList() ?? new List<string>();
            Report(ModuleDiagnosticIds.WitFunctionNotFound, wit.Position,
                $"entry '{f.Id}': the wit signature declares no function '{f.Method}'; add \"{f.Method}: func(...) -> ...;\"" +
                (names.Count > 0 ? $" or set method to one of: {string.Join(", ", names)}" : ""));
            return null;
        }
        var before = _diagnostics.Count;
        var mapper = new WitTypeMapper(scope, f.Id, _diagnostics);
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
    private EquatableArray<TypeModel> CollectNamedTypes(string ns, IEnumerable<FunctionModel> functions)
    {
        var seen = new Dictionary<string, (TypeModel Type, string Entry)>(StringComparer.Ordinal);
        var order = new List<TypeModel>();
        void Visit(TypeModel? t, FunctionModel owner)
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
            foreach (var p in f.Params) Visit(p.Type, f);
            Visit(f.Result, f);
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
        _diagnostics.Add(new WippyDiagnostic(id, WippySeverity.Error, message, position));
}
