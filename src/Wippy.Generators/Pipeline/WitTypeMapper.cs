using Wippy.Diagnostics;
using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// Turns the WIT AST of an entry's signature into resolved <see cref="TypeModel"/>s: named types are looked
/// up among the type definitions beside the signature (a bare signature block) or through the resolution of a
/// whole WIT package, aliases are followed, and what typed calls cannot carry yet (futures, streams, resources the
/// mapper was not told it may map) becomes a diagnostic at the WIT position.
/// </summary>
internal sealed class WitTypeMapper
{
    private readonly Dictionary<string, WitTypeDef> _defs = new(StringComparer.Ordinal);
    private readonly WitResolution? _resolution;
    private readonly ModelDiagnostics _diagnostics;
    private readonly string _entryId;
    private readonly HashSet<WitTypeDef> _resolving = new();

    /// <summary>A mapper for a bare signature block: names refer to the definitions written beside it.</summary>
    public WitTypeMapper(WitInterface scope, string entryId, ModelDiagnostics diagnostics)
    {
        _entryId = entryId;
        _diagnostics = diagnostics;
        foreach (var def in scope.TypeDefs) _defs[def.Name] = def;
    }

    /// <summary>A mapper for a function of a resolved WIT package: names are resolved through <paramref name="resolution"/> (uses included).</summary>
    public WitTypeMapper(WitResolution resolution, string entryId, ModelDiagnostics diagnostics)
    {
        _resolution = resolution;
        _entryId = entryId;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// Whether handles to resources defined in the signature block may appear in the mapped types, at any depth (a
    /// parameter, a result, a field of a record, an element of a list…): a component's exported resources called through
    /// the component model, or an imported interface's, which the app implements (<see cref="ResourcesAreImported"/>).
    /// Otherwise every resource is refused.
    /// </summary>
    public bool AllowsResourceHandles { get; init; }

    /// <summary>Whether the block's resources are an imported interface's, which the app implements (<see cref="ResourceType.IsImported"/>).</summary>
    public bool ResourcesAreImported { get; init; }

    private readonly List<WitResource> _usedResources = new();

    /// <summary>The resources mapped so far, in the order first met.</summary>
    public IReadOnlyList<WitResource> UsedResources => _usedResources;

    /// <summary>The resource of the block named <paramref name="name"/>, when handles to it may be mapped.</summary>
    private WitResource? HandleTarget(string name) =>
        AllowsResourceHandles && _resolution is null && _defs.TryGetValue(name, out var d) ? d as WitResource : null;

    private ResourceType Resource(WitResource r, bool isBorrow)
    {
        if (!_usedResources.Contains(r)) _usedResources.Add(r);
        return new ResourceType(r.Name, ResourceCsName(r), isBorrow) { IsImported = ResourcesAreImported };
    }

    /// <summary>The C# class name of resource <paramref name="r"/>, in the entry's namespace beside its other types.</summary>
    public string ResourceCsName(WitResource r) => CsNaming.TypeName(r.Name, _entryId.Substring(0, Math.Max(0, _entryId.IndexOf(':'))));

    /// <summary>
    /// How deep a mapped type may be, counting both nesting (<c>list&lt;…&gt;</c>) and the named types it goes
    /// through (<c>record a { x: b }</c>, <c>type b = c</c>…). The parser limits nesting within one type use; a chain of
    /// named types could still be arbitrarily long, and mapping it (and emitting code for it) recurses per level.
    /// </summary>
    public const int MaxDepth = 64;

    private int _depth;
    private bool _reportedTooDeep;

    /// <summary>The resolved type, or null after reporting why it cannot be used.</summary>
    public TypeModel? Map(WitType type)
    {
        if (_depth >= MaxDepth)
        {
            if (!_reportedTooDeep)
            {
                _reportedTooDeep = true;
                _diagnostics.Report(SafetyDiagnosticIds.WitTooDeep, type.Position,
                    $"entry '{_entryId}': this type is more than {MaxDepth} levels deep, counting the named types it goes through (record a {{ x: b }}, type b = c, ...); make the chain of types shorter");
            }
            return null;
        }
        _depth++;
        try
        {
            return MapAtDepth(type);
        }
        finally
        {
            _depth--;
        }
    }

    private TypeModel? MapAtDepth(WitType type)
    {
        switch (type)
        {
            case WitPrimitiveType p:
                return new PrimitiveType((PrimitiveKind)Enum.Parse(typeof(PrimitiveKind), p.Kind.ToString()));
            case WitListType { FixedLength: not null }:
                return Unsupported(type, "fixed-length lists");
            case WitListType l:
                return Map(l.Element) is { } e ? new ListType(e) : null;
            case WitOptionType o:
                return Map(o.Inner) is { } inner ? new OptionType(inner) : null;
            case WitResultType r:
            {
                var ok = r.Ok is null ? null : Map(r.Ok);
                var err = r.Err is null ? null : Map(r.Err);
                if ((r.Ok is not null && ok is null) || (r.Err is not null && err is null)) return null;
                return new ResultType(ok, err);
            }
            case WitTupleType t:
            {
                var items = t.Elements.Select(Map).ToList();
                return items.Any(i => i is null) ? null : new TupleType(items.Select(i => i!).ToEquatableArray());
            }
            case WitNamedType n:
                return MapNamed(n);
            case WitHandleType h when HandleTarget(h.ResourceName) is { } r:
                return Resource(r, h.IsBorrow);
            case WitHandleType:
                return Unsupported(type, "resource handles (own/borrow)");
            case WitFutureType:
                return Unsupported(type, "futures");
            case WitStreamType:
                return Unsupported(type, "streams");
            default:
                return Unsupported(type, "this type");
        }
    }

    private TypeModel? MapNamed(WitNamedType n)
    {
        WitTypeDef? def;
        if (_resolution is not null)
        {
            def = _resolution.Resolve(n)?.Definition;
            if (def is null) return null; // the resolver reported it
        }
        else if (!_defs.TryGetValue(n.Name, out def))
        {
            _diagnostics.Report(ModuleDiagnosticIds.UndefinedWitType, n.Position,
                $"entry '{_entryId}': the WIT type '{n.Name}' is not defined; define it beside the signature (e.g. \"record {n.Name} {{ ... }}\")" +
                (_defs.Count > 0 ? $"; defined here: {string.Join(", ", _defs.Keys.OrderBy(k => k, StringComparer.Ordinal))}" : ""));
            return null;
        }
        if (!_resolving.Add(def))
        {
            return Unsupported(n, "recursive types");
        }
        try
        {
            return MapDef(def);
        }
        finally
        {
            _resolving.Remove(def);
        }
    }

    private TypeModel? MapDef(WitTypeDef def)
    {
        // The entry id is "<namespace>:<name>": the type lives in that namespace's C# namespace, beside its proxy classes.
        var csName = CsNaming.TypeName(def.Name, _entryId.Substring(0, Math.Max(0, _entryId.IndexOf(':'))));
        switch (def)
        {
            case WitTypeAlias a:
                return Map(a.Target);
            case WitRecord r:
            {
                var fields = new List<FieldModel>();
                foreach (var f in r.Fields)
                {
                    var t = Map(f.Type);
                    if (t is null) return null;
                    fields.Add(new FieldModel(f.Name, CsNaming.Member(f.Name, csName, "Field"), t, f.Docs));
                }
                return new RecordType(r.Name, csName, r.Docs, fields.ToEquatableArray());
            }
            case WitVariant v:
            {
                var cases = new List<CaseModel>();
                foreach (var c in v.Cases)
                {
                    TypeModel? payload = null;
                    if (c.Payload is not null && (payload = Map(c.Payload)) is null) return null;
                    cases.Add(new CaseModel(c.Name, CsNaming.VariantCase(c.Name, csName), payload, c.Docs));
                }
                return new VariantType(v.Name, csName, v.Docs, cases.ToEquatableArray());
            }
            case WitEnum e:
                return new EnumType(e.Name, csName, e.Docs,
                    e.Cases.Select(c => new CaseModel(c.Name, CsNaming.Member(c.Name, csName, "Case"), null, c.Docs)).ToEquatableArray());
            case WitFlags f:
                if (f.Flags.Count > 32) return Unsupported(def, "flags with more than 32 members");
                return new FlagsType(f.Name, csName, f.Docs,
                    f.Flags.Select(c => new CaseModel(c.Name, CsNaming.Member(c.Name, csName, "Flag"), null, c.Docs)).ToEquatableArray());
            case WitResource r when HandleTarget(r.Name) is not null:
                return Resource(r, isBorrow: false);
            case WitResource:
                return Unsupported(def, "resources");
            default:
                return Unsupported(def, "this type definition");
        }
    }

    private TypeModel? Unsupported(WitType type, string what) => Unsupported(type.Position, what);

    private TypeModel? Unsupported(WitTypeDef def, string what) => Unsupported(def.Position, what);

    private TypeModel? Unsupported(SourcePosition position, string what)
    {
        _diagnostics.Report(ModuleDiagnosticIds.UnsupportedWitType, position,
            $"entry '{_entryId}': {what} are not supported in typed calls yet; use records, variants, lists and the other value types instead");
        return null;
    }
}
