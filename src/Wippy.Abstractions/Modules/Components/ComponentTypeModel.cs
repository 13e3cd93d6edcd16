using System.Text;

namespace Wippy.Modules.Components;

// The component-level types as this reader resolves them. Value-type references are resolved to these objects while
// reading (index spaces grow as definitions are read, so a reference means what it meant at its position).

internal abstract class CType;

internal sealed class CPrim(string name) : CType
{
    public string Name { get; } = name;
}

internal sealed class CRecord(List<KeyValuePair<string, CType>> fields) : CType
{
    public List<KeyValuePair<string, CType>> Fields { get; } = fields;
}

internal sealed class CVariant(List<KeyValuePair<string, CType?>> cases) : CType
{
    public List<KeyValuePair<string, CType?>> Cases { get; } = cases;
}

internal sealed class CList(CType element, uint? length) : CType
{
    public CType Element { get; } = element;
    public uint? Length { get; } = length;
}

internal sealed class CTuple(List<CType> items) : CType
{
    public List<CType> Items { get; } = items;
}

internal sealed class CFlags(List<string> names) : CType
{
    public List<string> Names { get; } = names;
}

internal sealed class CEnum(List<string> names) : CType
{
    public List<string> Names { get; } = names;
}

internal sealed class COption(CType inner) : CType
{
    public CType Inner { get; } = inner;
}

internal sealed class CResult(CType? ok, CType? err) : CType
{
    public CType? Ok { get; } = ok;
    public CType? Err { get; } = err;
}

/// <summary>own, borrow, stream or future (one optional operand).</summary>
internal sealed class CWrap(string keyword, CType? inner) : CType
{
    public string Keyword { get; } = keyword;
    public CType? Inner { get; } = inner;
}

internal sealed class CMap(CType key, CType value) : CType
{
    public CType Key { get; } = key;
    public CType Value { get; } = value;
}

internal sealed class CResource : CType;

/// <summary>What a function of an exported interface is to one of its resources.</summary>
internal enum ComponentResourceMemberKind
{
    /// <summary><c>[constructor]r</c>.</summary>
    Constructor,

    /// <summary><c>[method]r.name</c>: its first parameter is <c>self: borrow&lt;r&gt;</c>.</summary>
    Method,

    /// <summary><c>[static]r.name</c>.</summary>
    Static,
}

/// <summary>A constructor, method or static function of a resource, with its component-level type.</summary>
internal sealed record ComponentResourceMember(ComponentResourceMemberKind Kind, string Name, CFunc Type);

internal sealed class CFunc(List<KeyValuePair<string, CType>> parameters, CType? result, bool isAsync) : CType
{
    public List<KeyValuePair<string, CType>> Params { get; } = parameters;
    public CType? Result { get; } = result;
    public bool IsAsync { get; } = isAsync;
}

/// <summary>An export of an instance (or component) type: its name, kind and (for funcs, types, instances) its type.</summary>
internal sealed class CExport(string name, ComponentExternKind kind, CType? type)
{
    public string Name { get; } = name;
    public ComponentExternKind Kind { get; } = kind;
    public CType? Type { get; } = type;
}

internal sealed class CInstance(List<CExport> exports) : CType
{
    public List<CExport> Exports { get; } = exports;

    public CExport? Find(string name)
    {
        foreach (var e in Exports)
        {
            if (string.Equals(e.Name, name, StringComparison.Ordinal)) return e;
        }
        return null;
    }
}

internal sealed class CComponent(List<CExport> imports, List<CExport> exports) : CType
{
    public List<CExport> Imports { get; } = imports;
    public List<CExport> Exports { get; } = exports;
}

/// <summary>A type given a name by a type import or export (<c>(eq i)</c> or a fresh resource).</summary>
internal sealed class CNamed(string name, CType target) : CType
{
    public string Name { get; } = name;
    public CType Target { get; } = target;
}

/// <summary>A core type (function or module type); not described further.</summary>
internal sealed class CCore : CType;

internal static class ComponentTypePrinter
{
    /// <summary>Follows names down to the structural type.</summary>
    public static CType Strip(CType t)
    {
        var guard = 0;
        while (t is CNamed n && guard++ < 10000) t = n.Target;
        return t;
    }

    public static string Func(string name, CFunc f)
    {
        var sb = new StringBuilder();
        sb.Append(name).Append(": ");
        if (f.IsAsync) sb.Append("async ");
        sb.Append("func(");
        for (var i = 0; i < f.Params.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(f.Params[i].Key).Append(": ");
            Value(sb, f.Params[i].Value, 0);
        }
        sb.Append(')');
        if (f.Result is not null)
        {
            sb.Append(" -> ");
            Value(sb, f.Result, 0);
        }
        sb.Append(';');
        return sb.ToString();
    }

    /// <summary>The type with every type name left out; the format is described on <see cref="ComponentBinary.FindFunction"/>.</summary>
    public static string Fingerprint(CType t)
    {
        var sb = new StringBuilder();
        if (Strip(t) is CFunc fn)
        {
            sb.Append("func(");
            for (var i = 0; i < fn.Params.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                Value(sb, fn.Params[i].Value, 0, structural: true);
            }
            sb.Append(')');
            if (fn.Result is not null)
            {
                sb.Append(" -> ");
                Value(sb, fn.Result, 0, structural: true);
            }
        }
        else
        {
            Value(sb, t, 0, structural: true);
        }
        return sb.ToString();
    }

    /// <summary>
    /// A resource with its members, as WIT writes it: <c>resource counter { constructor(start: u32); get: func() -> u32; merge: static func(…) -> counter; }</c>
    /// (a method's <c>self</c> and the constructor's result left out, as WIT implies them).
    /// </summary>
    public static string ResourceWithMembers(string name, IReadOnlyList<ComponentResourceMember> members)
    {
        var sb = new StringBuilder();
        sb.Append("resource ").Append(name).Append(" {\n");
        foreach (var m in members)
        {
            sb.Append("    ");
            var skip = 0;
            switch (m.Kind)
            {
                case ComponentResourceMemberKind.Constructor:
                    sb.Append("constructor(");
                    break;
                case ComponentResourceMemberKind.Method:
                    sb.Append(m.Name).Append(": func(");
                    skip = 1; // self
                    break;
                default:
                    sb.Append(m.Name).Append(": static func(");
                    break;
            }
            for (var i = skip; i < m.Type.Params.Count; i++)
            {
                if (i > skip) sb.Append(", ");
                sb.Append(m.Type.Params[i].Key).Append(": ");
                Value(sb, m.Type.Params[i].Value, 0);
            }
            sb.Append(')');
            if (m.Kind != ComponentResourceMemberKind.Constructor && m.Type.Result is not null)
            {
                sb.Append(" -> ");
                Value(sb, m.Type.Result, 0);
            }
            sb.Append(";\n");
        }
        sb.Append('}');
        return sb.ToString();
    }

    /// <summary>A WIT-like definition of a named type (<c>record point { x: s32, y: s32 }</c>).</summary>
    public static string Definition(string name, CType t)
    {
        var s = Strip(t);
        var sb = new StringBuilder();
        switch (s)
        {
            case CRecord r:
                sb.Append("record ").Append(name).Append(" { ");
                for (var i = 0; i < r.Fields.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(r.Fields[i].Key).Append(": ");
                    Value(sb, r.Fields[i].Value, 0);
                }
                sb.Append(" }");
                break;
            case CVariant v:
                sb.Append("variant ").Append(name).Append(" { ");
                for (var i = 0; i < v.Cases.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(v.Cases[i].Key);
                    if (v.Cases[i].Value is { } ct)
                    {
                        sb.Append('(');
                        Value(sb, ct, 0);
                        sb.Append(')');
                    }
                }
                sb.Append(" }");
                break;
            case CEnum e:
                sb.Append("enum ").Append(name).Append(" { ").Append(string.Join(", ", e.Names)).Append(" }");
                break;
            case CFlags f:
                sb.Append("flags ").Append(name).Append(" { ").Append(string.Join(", ", f.Names)).Append(" }");
                break;
            case CResource:
                sb.Append("resource ").Append(name);
                break;
            default:
                sb.Append("type ").Append(name).Append(" = ");
                Value(sb, t is CNamed n ? n.Target : t, 0);
                break;
        }
        return sb.ToString();
    }

    private static void Value(StringBuilder sb, CType? t, int depth, bool structural = false)
    {
        if (t is null || depth > 64)
        {
            sb.Append(structural ? '_' : '…');
            return;
        }
        // structural: the fingerprint form (names followed to their types, results always as result<ok, err>,
        // handles as "handle"); otherwise the WIT form.
        switch (structural ? Strip(t) : t)
        {
            case CNamed n:
                sb.Append(n.Name);
                break;
            case CPrim p:
                sb.Append(p.Name);
                break;
            case CList l:
                sb.Append("list<");
                Value(sb, l.Element, depth + 1, structural);
                if (l.Length is { } len) sb.Append(", ").Append(len);
                sb.Append('>');
                break;
            case COption o:
                sb.Append("option<");
                Value(sb, o.Inner, depth + 1, structural);
                sb.Append('>');
                break;
            case CResult r when structural:
                sb.Append("result<");
                Value(sb, r.Ok, depth + 1, structural);
                sb.Append(", ");
                Value(sb, r.Err, depth + 1, structural);
                sb.Append('>');
                break;
            case CResult r:
                sb.Append("result");
                if (r.Ok is null && r.Err is null) break;
                sb.Append('<');
                if (r.Ok is null) sb.Append('_');
                else Value(sb, r.Ok, depth + 1, structural);
                if (r.Err is not null)
                {
                    sb.Append(", ");
                    Value(sb, r.Err, depth + 1, structural);
                }
                sb.Append('>');
                break;
            case CTuple tu:
                sb.Append("tuple<");
                for (var i = 0; i < tu.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Value(sb, tu.Items[i], depth + 1, structural);
                }
                sb.Append('>');
                break;
            case CWrap or CResource when structural:
                sb.Append("handle");
                break;
            case CWrap w:
                if (w.Keyword == "own" && w.Inner is not null)
                {
                    Value(sb, w.Inner, depth + 1, structural);
                    break;
                }
                sb.Append(w.Keyword);
                if (w.Inner is not null)
                {
                    sb.Append('<');
                    Value(sb, w.Inner, depth + 1, structural);
                    sb.Append('>');
                }
                break;
            case CMap m:
                sb.Append("map<");
                Value(sb, m.Key, depth + 1, structural);
                sb.Append(", ");
                Value(sb, m.Value, depth + 1, structural);
                sb.Append('>');
                break;
            case CRecord r:
                sb.Append("record { ");
                for (var i = 0; i < r.Fields.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(r.Fields[i].Key).Append(": ");
                    Value(sb, r.Fields[i].Value, depth + 1, structural);
                }
                sb.Append(" }");
                break;
            case CVariant v:
                sb.Append("variant { ");
                for (var i = 0; i < v.Cases.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(v.Cases[i].Key);
                    if (v.Cases[i].Value is { } ct)
                    {
                        sb.Append('(');
                        Value(sb, ct, depth + 1, structural);
                        sb.Append(')');
                    }
                }
                sb.Append(" }");
                break;
            case CEnum e:
                sb.Append("enum { ").Append(string.Join(", ", e.Names)).Append(" }");
                break;
            case CFlags f:
                sb.Append("flags { ").Append(string.Join(", ", f.Names)).Append(" }");
                break;
            case CResource:
                sb.Append("resource");
                break;
            default:
                sb.Append('?');
                break;
        }
    }
}
