namespace Wippy.Modules.Components;

/// <summary>
/// Reads a WebAssembly component binary (the Component Model binary format, preamble version <c>0x0d</c>, layer 1):
/// its sections, embedded core modules, top-level imports and exports, and, as far as it can follow the type index
/// spaces, the WIT-like signatures of exported and imported functions and instances. Never throws on bad input: a
/// malformed binary gives a <see cref="ComponentReadError"/> with the byte offset of the problem.
/// </summary>
public static class ComponentBinaryReader
{
    private const int MaxNesting = 64;

    private static readonly byte[] Magic = { 0x00, 0x61, 0x73, 0x6D };
    private static readonly byte[] CorePreamble = { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };

    /// <summary>Reads <paramref name="bytes"/> as a component.</summary>
    /// <param name="bytes">The whole binary.</param>
    /// <returns>The component, or an error naming what is wrong and where.</returns>
    public static ComponentReadResult Read(byte[] bytes)
    {
        if (bytes is null) return ComponentReadResult.Fail("no input", 0);
        try
        {
            var walker = new Walker(bytes);
            return ComponentReadResult.Ok(walker.ReadTop());
        }
        catch (ComponentFormatException e)
        {
            return ComponentReadResult.Fail(e.Message, e.Offset);
        }
    }

    /// <summary>True when <paramref name="bytes"/> starts with the component preamble (magic, a version, layer 1).</summary>
    /// <param name="bytes">The binary, or its first bytes.</param>
    public static bool HasComponentPreamble(byte[] bytes) =>
        bytes is not null && bytes.Length >= 8 && bytes[0] == 0x00 && bytes[1] == 0x61 && bytes[2] == 0x73 && bytes[3] == 0x6D
        && bytes[6] == 0x01 && bytes[7] == 0x00;

    /// <summary>Raised when a construct is well delimited but not decoded here; types after it are no longer followed.</summary>
    private sealed class UnsupportedException(string message, int offset) : Exception(message)
    {
        public int Offset { get; } = offset;
    }

    private sealed class Scope(Scope? parent)
    {
        public Scope? Parent { get; } = parent;
        public List<CType?> Types { get; } = new();
        public List<CType?> CoreTypes { get; } = new();
        public List<CType?> Funcs { get; } = new();
        public List<CType?> Instances { get; } = new();
        public List<CType?> Components { get; } = new();

        public List<CType?>? Space(bool core, byte sort) => core
            ? sort == 0x10 ? CoreTypes : null
            : sort switch
            {
                0x01 => Funcs,
                0x03 => Types,
                0x04 => Components,
                0x05 => Instances,
                _ => null,
            };
    }

    private readonly struct ExternName(string name, string? versionSuffix, string? implements)
    {
        public string Name { get; } = name;
        public string? VersionSuffix { get; } = versionSuffix;
        public string? Implements { get; } = implements;
    }

    private sealed class Walker(byte[] bytes)
    {
        private readonly List<ComponentSection> _sections = new();
        private readonly List<byte[]> _coreModules = new();
        private readonly List<ComponentExtern> _imports = new();
        private readonly List<ComponentExtern> _exports = new();
        private readonly List<KeyValuePair<ComponentExtern, CType?>> _typed = new();
        private int _nested;
        private string? _problem;

        public ComponentBinary ReadTop()
        {
            var c = new ComponentByteCursor(bytes, 0, bytes.Length);
            ReadComponent(c, new Scope(null), 0);
            if (_problem is null)
            {
                foreach (var kv in _typed) Describe(kv.Key, kv.Value);
            }
            return new ComponentBinary(_sections, _coreModules, _nested, _imports, _exports, _problem, ComponentCoreLayout.Analyze(bytes, _sections, _coreModules), ComponentCorePlanner.Plan(bytes, _sections, _coreModules));
        }

        private static void Describe(ComponentExtern e, CType? type)
        {
            if (type is null) return;
            e.ResolvedType = type;
            var s = ComponentTypePrinter.Strip(type);
            if (e.Kind == ComponentExternKind.Func && s is CFunc f)
            {
                e.Signature = ComponentTypePrinter.Func(e.Name, f);
            }
            else if (e.Kind == ComponentExternKind.Type)
            {
                e.Types = new[] { ComponentTypePrinter.Definition(e.Name, type) };
            }
            else if (e.Kind == ComponentExternKind.Instance && s is CInstance inst)
            {
                var funcs = new List<string>();
                var names = new List<string>();
                var types = new List<string>();
                var resources = new List<string>();
                foreach (var x in inst.Exports)
                {
                    if (x.Kind == ComponentExternKind.Func) names.Add(x.Name);
                    if (x.Type is null) continue;
                    if (x.Kind == ComponentExternKind.Func && ComponentTypePrinter.Strip(x.Type) is CFunc xf)
                        funcs.Add(ComponentTypePrinter.Func(x.Name, xf));
                    else if (x.Kind == ComponentExternKind.Type)
                    {
                        types.Add(ComponentTypePrinter.Definition(x.Name, x.Type));
                        if (ComponentTypePrinter.Strip(x.Type) is CResource) resources.Add(x.Name);
                    }
                }
                e.Functions = funcs;
                e.FunctionNames = names;
                e.Types = types;
                e.ResourceNames = resources;
            }
        }

        private void Problem(string message, int offset)
        {
            _problem ??= $"{message} (at byte offset {offset})";
        }

        private static CType? At(List<CType?> list, uint index) => index < (uint)list.Count ? list[(int)index] : null;

        private static void CheckPreamble(ComponentByteCursor c)
        {
            var start = c.Position;
            if (c.Remaining < 8)
            {
                if (c.Remaining >= 4 && !c.Matches(start, Magic)) throw ComponentByteCursor.Error("not a WebAssembly binary: bad magic", start);
                throw ComponentByteCursor.Error($"too short for a component preamble ({c.Remaining} of 8 bytes)", start);
            }
            if (!c.Matches(start, Magic)) throw ComponentByteCursor.Error("not a WebAssembly binary: bad magic (expected \\0asm)", start);
            if (c.Matches(start, CorePreamble))
                throw ComponentByteCursor.Error("not a component: this is a core WebAssembly module (version 1, layer 0)", start + 4);
            if (c.At(start + 6) != 0x01 || c.At(start + 7) != 0x00)
                throw ComponentByteCursor.Error($"not a component: layer 0x{c.At(start + 6):x2} 0x{c.At(start + 7):x2} (expected 0x01 0x00)", start + 6);
            if (c.At(start + 4) != 0x0d || c.At(start + 5) != 0x00)
                throw ComponentByteCursor.Error($"unsupported component version 0x{c.At(start + 4):x2} 0x{c.At(start + 5):x2} (expected 0x0d 0x00)", start + 4);
            c.Position = start + 8;
        }

        private CComponent ReadComponent(ComponentByteCursor c, Scope scope, int depth)
        {
            CheckPreamble(c);
            var top = depth == 0;
            var imports = new List<CExport>();
            var exports = new List<CExport>();
            while (!c.AtEnd)
            {
                var idOffset = c.Position;
                var id = c.ReadByte();
                var sizeOffset = c.Position;
                var size = c.ReadU32();
                if (size > (uint)c.Remaining)
                    throw ComponentByteCursor.Error($"section {id} of {size} bytes overruns the input ({c.Remaining} bytes left)", sizeOffset);
                var start = c.Position;
                var end = start + (int)size;
                if (top) _sections.Add(new ComponentSection(id, start, (int)size));
                var s = new ComponentByteCursor(bytes, start, end);
                var parsed = true;
                try
                {
                    switch (id)
                    {
                        case 0:
                            s.ReadName();
                            parsed = false;
                            break;
                        case 1:
                            if (!s.Matches(start, CorePreamble))
                                throw ComponentByteCursor.Error("core module section does not start with the core preamble", start);
                            if (top) _coreModules.Add(s.Slice(start, (int)size));
                            parsed = false;
                            break;
                        case 2:
                        case 3:
                        case 9:
                        case 12:
                            parsed = false;
                            break;
                        case 4:
                            if (top) _nested++;
                            if (depth + 1 > MaxNesting) throw ComponentByteCursor.Error("components nested too deeply", start);
                            scope.Components.Add(ReadComponent(s, new Scope(scope), depth + 1));
                            break;
                        case 5:
                            ReadInstances(s, scope);
                            break;
                        case 6:
                            for (var n = s.ReadCount(); n > 0; n--) ReadAlias(s, scope);
                            break;
                        case 7:
                            for (var n = s.ReadCount(); n > 0; n--) scope.Types.Add(ReadDefType(s, scope, depth));
                            break;
                        case 8:
                            ReadCanons(s, scope);
                            break;
                        case 10:
                            for (var n = s.ReadCount(); n > 0; n--) ReadImport(s, scope, imports, top);
                            break;
                        case 11:
                            for (var n = s.ReadCount(); n > 0; n--) ReadExport(s, scope, exports, top);
                            break;
                        default:
                            throw ComponentByteCursor.Error($"unknown section id {id}", idOffset);
                    }
                }
                catch (UnsupportedException u)
                {
                    Problem(u.Message, u.Offset);
                    parsed = false;
                }
                if (parsed && !s.AtEnd) throw ComponentByteCursor.Error($"section {id} has {s.Remaining} unread bytes", s.Position);
                c.Position = end;
            }
            return new CComponent(imports, exports);
        }

        // ---- names ----

        private static ExternName ReadExternName(ComponentByteCursor c)
        {
            var at = c.Position;
            var tag = c.ReadByte();
            switch (tag)
            {
                case 0x00:
                case 0x01:
                    return new ExternName(ReadNonEmptyName(c), null, null);
                case 0x02:
                    var name = ReadNonEmptyName(c);
                    string? version = null, implements = null;
                    for (var n = c.ReadCount(); n > 0; n--)
                    {
                        var kindAt = c.Position;
                        switch (c.ReadByte())
                        {
                            case 0x00: implements = c.ReadName(); break;
                            case 0x01: version = c.ReadName(); break;
                            case 0x02: c.ReadName(); break;
                            default: throw ComponentByteCursor.Error("unknown name attribute", kindAt);
                        }
                    }
                    return new ExternName(name, version, implements);
                default:
                    throw ComponentByteCursor.Error($"unknown import/export name form 0x{tag:x2}", at);
            }
        }

        private static string ReadNonEmptyName(ComponentByteCursor c)
        {
            var at = c.Position;
            var s = c.ReadName();
            if (s.Length == 0) throw ComponentByteCursor.Error("empty import/export name", at);
            return s;
        }

        // ---- sorts and extern types ----

        private static (bool Core, byte Sort) ReadSort(ComponentByteCursor c)
        {
            var at = c.Position;
            var b = c.ReadByte();
            if (b == 0x00)
            {
                var cs = c.ReadByte();
                if (cs > 0x04 && cs != 0x10 && cs != 0x11 && cs != 0x12)
                    throw ComponentByteCursor.Error($"unknown core sort 0x{cs:x2}", at + 1);
                return (true, cs);
            }
            if (b > 0x05) throw ComponentByteCursor.Error($"unknown sort 0x{b:x2}", at);
            return (false, b);
        }

        private static ComponentExternKind KindOf(bool core, byte sort, int at) => core
            ? sort == 0x11 ? ComponentExternKind.Module : throw ComponentByteCursor.Error($"core sort 0x{sort:x2} cannot be imported or exported", at)
            : sort switch
            {
                0x01 => ComponentExternKind.Func,
                0x02 => ComponentExternKind.Value,
                0x03 => ComponentExternKind.Type,
                0x04 => ComponentExternKind.Component,
                _ => ComponentExternKind.Instance,
            };

        /// <summary>Reads an <c>externtype</c>; returns its kind, its index immediate and the type it gives the new item.</summary>
        private (ComponentExternKind Kind, uint Index, CType? Type) ReadExternType(ComponentByteCursor c, Scope scope, string name)
        {
            var at = c.Position;
            var tag = c.ReadByte();
            switch (tag)
            {
                case 0x00:
                    var m = c.ReadByte();
                    if (m != 0x11) throw ComponentByteCursor.Error($"expected 0x11 (core module) after 0x00, got 0x{m:x2}", at + 1);
                    return (ComponentExternKind.Module, c.ReadU32(), new CCore());
                case 0x01:
                    {
                        var i = c.ReadU32();
                        return (ComponentExternKind.Func, i, At(scope.Types, i));
                    }
                case 0x02:
                    var vb = c.ReadByte();
                    if (vb == 0x00) return (ComponentExternKind.Value, c.ReadU32(), null);
                    if (vb == 0x01) return (ComponentExternKind.Value, 0, ReadValType(c, scope));
                    throw ComponentByteCursor.Error($"unknown value bound 0x{vb:x2}", at + 1);
                case 0x03:
                    var tb = c.ReadByte();
                    if (tb == 0x00)
                    {
                        var i = c.ReadU32();
                        var target = At(scope.Types, i);
                        return (ComponentExternKind.Type, i, target is null ? null : new CNamed(name, target));
                    }
                    if (tb == 0x01) return (ComponentExternKind.Type, 0, new CNamed(name, new CResource()));
                    throw ComponentByteCursor.Error($"unknown type bound 0x{tb:x2}", at + 1);
                case 0x04:
                    {
                        var i = c.ReadU32();
                        return (ComponentExternKind.Component, i, At(scope.Types, i));
                    }
                case 0x05:
                    {
                        var i = c.ReadU32();
                        return (ComponentExternKind.Instance, i, At(scope.Types, i));
                    }
                default:
                    throw ComponentByteCursor.Error($"unknown extern type 0x{tag:x2}", at);
            }
        }

        private static void AddToSpace(Scope scope, ComponentExternKind kind, CType? type)
        {
            switch (kind)
            {
                case ComponentExternKind.Func: scope.Funcs.Add(type); break;
                case ComponentExternKind.Type: scope.Types.Add(type); break;
                case ComponentExternKind.Component: scope.Components.Add(type); break;
                case ComponentExternKind.Instance: scope.Instances.Add(type); break;
            }
        }

        // ---- imports and exports ----

        private void ReadImport(ComponentByteCursor c, Scope scope, List<CExport> imports, bool top)
        {
            var name = ReadExternName(c);
            var (kind, index, type) = ReadExternType(c, scope, name.Name);
            AddToSpace(scope, kind, type);
            imports.Add(new CExport(name.Name, kind, type));
            if (top)
            {
                var e = new ComponentExtern(name.Name, kind, index, name.VersionSuffix, name.Implements);
                _imports.Add(e);
                _typed.Add(new KeyValuePair<ComponentExtern, CType?>(e, type));
            }
        }

        private void ReadExport(ComponentByteCursor c, Scope scope, List<CExport> exports, bool top)
        {
            var name = ReadExternName(c);
            var sortAt = c.Position;
            var (core, sort) = ReadSort(c);
            var kind = KindOf(core, sort, sortAt);
            var index = c.ReadU32();
            CType? type = null;
            var space = scope.Space(core, sort);
            if (space is not null)
            {
                type = At(space, index);
                if (kind == ComponentExternKind.Type && type is not null) type = new CNamed(name.Name, type);
            }
            var hasAscription = c.ReadByte();
            if (hasAscription == 0x01)
            {
                var ascribed = ReadExternType(c, scope, name.Name);
                if (ascribed.Type is not null) type = ascribed.Type;
            }
            else if (hasAscription != 0x00)
            {
                throw ComponentByteCursor.Error($"expected 0x00 or 0x01 before an export's optional type, got 0x{hasAscription:x2}", c.Position - 1);
            }
            AddToSpace(scope, kind, type);
            exports.Add(new CExport(name.Name, kind, type));
            if (top)
            {
                var e = new ComponentExtern(name.Name, kind, index, name.VersionSuffix, name.Implements);
                _exports.Add(e);
                _typed.Add(new KeyValuePair<ComponentExtern, CType?>(e, type));
            }
        }

        // ---- instances, aliases, canon ----

        private void ReadInstances(ComponentByteCursor c, Scope scope)
        {
            for (var n = c.ReadCount(); n > 0; n--)
            {
                var at = c.Position;
                var tag = c.ReadByte();
                if (tag == 0x00)
                {
                    var ci = c.ReadU32();
                    for (var a = c.ReadCount(); a > 0; a--)
                    {
                        c.ReadName();
                        ReadSort(c);
                        c.ReadU32();
                    }
                    scope.Instances.Add(At(scope.Components, ci) is CComponent comp ? new CInstance(comp.Exports) : null);
                }
                else if (tag == 0x01)
                {
                    var list = new List<CExport>();
                    for (var e = c.ReadCount(); e > 0; e--)
                    {
                        var name = ReadExternName(c);
                        var sortAt = c.Position;
                        var (core, sort) = ReadSort(c);
                        var kind = KindOf(core, sort, sortAt);
                        var idx = c.ReadU32();
                        var space = scope.Space(core, sort);
                        var t = space is null ? null : At(space, idx);
                        if (kind == ComponentExternKind.Type && t is not null && !(t is CNamed nt && nt.Name == name.Name))
                            t = new CNamed(name.Name, t);
                        list.Add(new CExport(name.Name, kind, t));
                    }
                    scope.Instances.Add(new CInstance(list));
                }
                else
                {
                    throw ComponentByteCursor.Error($"unknown instance form 0x{tag:x2}", at);
                }
            }
        }

        private void ReadAlias(ComponentByteCursor c, Scope scope)
        {
            var (core, sort) = ReadSort(c);
            var at = c.Position;
            var tag = c.ReadByte();
            switch (tag)
            {
                case 0x00:
                    {
                        var i = c.ReadU32();
                        var name = c.ReadName();
                        if (core) break; // core sorts exported by a component instance (modules): not tracked
                        var export = (At(scope.Instances, i) as CInstance)?.Find(name);
                        scope.Space(false, sort)?.Add(export?.Type);
                        break;
                    }
                case 0x01:
                    {
                        c.ReadU32();
                        c.ReadName();
                        if (core && sort == 0x10) scope.CoreTypes.Add(new CCore());
                        break;
                    }
                case 0x02:
                    {
                        var ct = c.ReadU32();
                        var idx = c.ReadU32();
                        var target = scope;
                        for (var k = 0u; k < ct && target is not null; k++) target = target.Parent;
                        var targetSpace = target?.Space(core, sort);
                        var t = targetSpace is null ? null : At(targetSpace, idx);
                        if (target is null) Problem($"outer alias {ct} reaches beyond the outermost scope", at);
                        scope.Space(core, sort)?.Add(t);
                        break;
                    }
                default:
                    throw ComponentByteCursor.Error($"unknown alias target 0x{tag:x2}", at);
            }
        }

        private void ReadCanons(ComponentByteCursor c, Scope scope)
        {
            for (var n = c.ReadCount(); n > 0; n--)
            {
                var at = c.Position;
                var op = c.ReadByte();
                switch (op)
                {
                    case 0x00:
                        ExpectByte(c, 0x00, "canon lift");
                        c.ReadU32();
                        ReadCanonOpts(c);
                        scope.Funcs.Add(At(scope.Types, c.ReadU32()));
                        break;
                    case 0x01:
                        ExpectByte(c, 0x00, "canon lower");
                        c.ReadU32();
                        ReadCanonOpts(c);
                        break;
                    case 0x02: case 0x03: case 0x04:
                    case 0x0e: case 0x13: case 0x14: case 0x15: case 0x1a: case 0x1b:
                        c.ReadU32();
                        break;
                    case 0x05: case 0x0d: case 0x1e: case 0x1f: case 0x22: case 0x23:
                    case 0x24: case 0x25: case 0x26: case 0x28:
                        break;
                    case 0x06: case 0x0c: case 0x29: case 0x2a: case 0x2b: case 0x2c: case 0x2d: case 0x42:
                        c.ReadByte();
                        break;
                    case 0x09:
                        ReadResultList(c, scope);
                        ReadCanonOpts(c);
                        break;
                    case 0x0a: case 0x0b: case 0x20: case 0x21: case 0x40:
                        c.ReadByte();
                        c.ReadU32();
                        break;
                    case 0x0f: case 0x10: case 0x16: case 0x17:
                        c.ReadU32();
                        ReadCanonOpts(c);
                        break;
                    case 0x11: case 0x12: case 0x18: case 0x19:
                        c.ReadU32();
                        c.ReadByte();
                        break;
                    case 0x1c: case 0x1d:
                        ReadCanonOpts(c);
                        break;
                    case 0x27:
                        c.ReadU32();
                        c.ReadU32();
                        break;
                    case 0x41:
                        c.ReadByte();
                        c.ReadU32();
                        c.ReadU32();
                        break;
                    default:
                        throw new UnsupportedException($"canonical definition 0x{op:x2} not decoded; later functions are not followed", at);
                }
            }
        }

        private static void ExpectByte(ComponentByteCursor c, byte expected, string what)
        {
            var at = c.Position;
            var b = c.ReadByte();
            if (b != expected) throw ComponentByteCursor.Error($"{what}: expected 0x{expected:x2}, got 0x{b:x2}", at);
        }

        private static void ReadCanonOpts(ComponentByteCursor c)
        {
            for (var n = c.ReadCount(); n > 0; n--)
            {
                var at = c.Position;
                var o = c.ReadByte();
                switch (o)
                {
                    case 0x00: case 0x01: case 0x02: case 0x06: break;
                    case 0x03: case 0x04: case 0x05: case 0x07: c.ReadU32(); break;
                    default: throw new UnsupportedException($"canonical option 0x{o:x2} not decoded", at);
                }
            }
        }

        // ---- types ----

        private CType ReadDefType(ComponentByteCursor c, Scope scope, int depth)
        {
            var at = c.Position;
            if (depth > MaxNesting) throw ComponentByteCursor.Error("types nested too deeply", at);
            var b = c.PeekByte();
            switch (b)
            {
                case 0x40:
                case 0x43:
                    {
                        c.ReadByte();
                        var ps = new List<KeyValuePair<string, CType>>();
                        for (var n = c.ReadCount(2); n > 0; n--)
                        {
                            var label = c.ReadName();
                            ps.Add(new KeyValuePair<string, CType>(label, ReadValType(c, scope)));
                        }
                        var result = ReadResultList(c, scope);
                        return new CFunc(ps, result, b == 0x43);
                    }
                case 0x41:
                    {
                        c.ReadByte();
                        var inner = new Scope(scope);
                        var imports = new List<CExport>();
                        var exports = new List<CExport>();
                        for (var n = c.ReadCount(); n > 0; n--)
                        {
                            if (c.PeekByte() == 0x03)
                            {
                                c.ReadByte();
                                var name = ReadExternName(c);
                                var (kind, _, type) = ReadExternType(c, inner, name.Name);
                                AddToSpace(inner, kind, type);
                                imports.Add(new CExport(name.Name, kind, type));
                            }
                            else
                            {
                                ReadInstanceDecl(c, inner, exports, depth);
                            }
                        }
                        return new CComponent(imports, exports);
                    }
                case 0x42:
                    {
                        c.ReadByte();
                        var inner = new Scope(scope);
                        var exports = new List<CExport>();
                        for (var n = c.ReadCount(); n > 0; n--) ReadInstanceDecl(c, inner, exports, depth);
                        return new CInstance(exports);
                    }
                case 0x3f:
                    {
                        c.ReadByte();
                        var rep = c.ReadByte();
                        if (rep != 0x7f && rep != 0x7e) throw ComponentByteCursor.Error($"resource representation 0x{rep:x2} is not i32 or i64", at + 1);
                        if (ReadOptionTag(c)) c.ReadU32();
                        return new CResource();
                    }
                default:
                    return ReadDefValType(c, scope);
            }
        }

        private void ReadInstanceDecl(ComponentByteCursor c, Scope scope, List<CExport> exports, int depth)
        {
            var at = c.Position;
            var tag = c.ReadByte();
            switch (tag)
            {
                case 0x00:
                    SkipCoreType(c, 0);
                    scope.CoreTypes.Add(new CCore());
                    break;
                case 0x01:
                    scope.Types.Add(ReadDefType(c, scope, depth + 1));
                    break;
                case 0x02:
                    ReadAlias(c, scope);
                    break;
                case 0x04:
                    var name = ReadExternName(c);
                    var (kind, _, type) = ReadExternType(c, scope, name.Name);
                    AddToSpace(scope, kind, type);
                    exports.Add(new CExport(name.Name, kind, type));
                    break;
                default:
                    throw ComponentByteCursor.Error($"unknown declarator 0x{tag:x2}", at);
            }
        }

        private static bool ReadOptionTag(ComponentByteCursor c)
        {
            var at = c.Position;
            var b = c.ReadByte();
            if (b == 0x00) return false;
            if (b == 0x01) return true;
            throw ComponentByteCursor.Error($"expected 0x00 or 0x01 (optional), got 0x{b:x2}", at);
        }

        private CType? ReadResultList(ComponentByteCursor c, Scope scope)
        {
            var at = c.Position;
            var b = c.ReadByte();
            if (b == 0x00) return ReadValType(c, scope);
            if (b == 0x01)
            {
                var countAt = c.Position;
                if (c.ReadU32() != 0) throw new UnsupportedException("named function results not decoded", countAt);
                return null;
            }
            throw ComponentByteCursor.Error($"unknown result list form 0x{b:x2}", at);
        }

        private static string? PrimName(int code) => code switch
        {
            0x7f => "bool",
            0x7e => "s8",
            0x7d => "u8",
            0x7c => "s16",
            0x7b => "u16",
            0x7a => "s32",
            0x79 => "u32",
            0x78 => "s64",
            0x77 => "u64",
            0x76 => "f32",
            0x75 => "f64",
            0x74 => "char",
            0x73 => "string",
            0x64 => "error-context",
            _ => null,
        };

        private CType ReadValType(ComponentByteCursor c, Scope scope)
        {
            var at = c.Position;
            var v = c.ReadS33();
            if (v >= 0)
            {
                var t = At(scope.Types, (uint)v);
                if (t is null)
                {
                    Problem($"type index {v} not followed", at);
                    return new CPrim("?");
                }
                return t;
            }
            var name = v >= -64 ? PrimName((int)(v & 0x7F)) : null;
            if (name is null) throw ComponentByteCursor.Error($"invalid value type (code {v})", at);
            return new CPrim(name);
        }

        private CType ReadDefValType(ComponentByteCursor c, Scope scope)
        {
            var at = c.Position;
            var op = c.ReadByte();
            var prim = PrimName(op);
            if (prim is not null) return new CPrim(prim);
            switch (op)
            {
                case 0x72:
                    {
                        var fields = new List<KeyValuePair<string, CType>>();
                        for (var n = c.ReadCount(2); n > 0; n--)
                        {
                            var label = c.ReadName();
                            fields.Add(new KeyValuePair<string, CType>(label, ReadValType(c, scope)));
                        }
                        return new CRecord(fields);
                    }
                case 0x71:
                    {
                        var cases = new List<KeyValuePair<string, CType?>>();
                        for (var n = c.ReadCount(3); n > 0; n--)
                        {
                            var label = c.ReadName();
                            var t = ReadOptionTag(c) ? ReadValType(c, scope) : null;
                            if (ReadOptionTag(c)) c.ReadU32(); // an old "refines" index
                            cases.Add(new KeyValuePair<string, CType?>(label, t));
                        }
                        return new CVariant(cases);
                    }
                case 0x70:
                    return new CList(ReadValType(c, scope), null);
                case 0x67:
                    {
                        var t = ReadValType(c, scope);
                        return new CList(t, c.ReadU32());
                    }
                case 0x6f:
                    {
                        var items = new List<CType>();
                        for (var n = c.ReadCount(); n > 0; n--) items.Add(ReadValType(c, scope));
                        return new CTuple(items);
                    }
                case 0x6e:
                case 0x6d:
                    {
                        var labels = new List<string>();
                        for (var n = c.ReadCount(); n > 0; n--) labels.Add(c.ReadName());
                        return op == 0x6e ? new CFlags(labels) : new CEnum(labels);
                    }
                case 0x6b:
                    return new COption(ReadValType(c, scope));
                case 0x6a:
                    {
                        var ok = ReadOptionTag(c) ? ReadValType(c, scope) : null;
                        var err = ReadOptionTag(c) ? ReadValType(c, scope) : null;
                        return new CResult(ok, err);
                    }
                case 0x69:
                case 0x68:
                    {
                        var i = c.ReadU32();
                        var target = At(scope.Types, i);
                        if (target is null) Problem($"type index {i} not followed", at + 1);
                        return new CWrap(op == 0x69 ? "own" : "borrow", target);
                    }
                case 0x66:
                case 0x65:
                    {
                        var t = ReadOptionTag(c) ? ReadValType(c, scope) : null;
                        return new CWrap(op == 0x66 ? "stream" : "future", t);
                    }
                case 0x63:
                    {
                        var k = ReadValType(c, scope);
                        return new CMap(k, ReadValType(c, scope));
                    }
                default:
                    throw new UnsupportedException($"type opcode 0x{op:x2} not decoded", at);
            }
        }

        // ---- core types (inside instance and component types): skipped structurally ----

        private static void SkipCoreType(ComponentByteCursor c, int depth)
        {
            var at = c.Position;
            if (depth > 2) throw ComponentByteCursor.Error("core types nested too deeply", at);
            var b = c.ReadByte();
            switch (b)
            {
                case 0x60:
                    for (var n = c.ReadCount(); n > 0; n--) SkipCoreValType(c);
                    for (var n = c.ReadCount(); n > 0; n--) SkipCoreValType(c);
                    break;
                case 0x50:
                    for (var n = c.ReadCount(); n > 0; n--)
                    {
                        var dAt = c.Position;
                        switch (c.ReadByte())
                        {
                            case 0x00:
                                c.ReadName();
                                c.ReadName();
                                SkipCoreExternType(c);
                                break;
                            case 0x01:
                                SkipCoreType(c, depth + 1);
                                break;
                            case 0x02:
                                ExpectByte(c, 0x10, "core alias");
                                ExpectByte(c, 0x01, "core alias");
                                c.ReadU32();
                                c.ReadU32();
                                break;
                            case 0x03:
                                c.ReadName();
                                SkipCoreExternType(c);
                                break;
                            default:
                                throw ComponentByteCursor.Error("unknown module type declarator", dAt);
                        }
                    }
                    break;
                default:
                    throw new UnsupportedException($"core type form 0x{b:x2} not decoded", at);
            }
        }

        private static void SkipCoreValType(ComponentByteCursor c)
        {
            var at = c.Position;
            var b = c.ReadByte();
            switch (b)
            {
                case 0x7f: case 0x7e: case 0x7d: case 0x7c: case 0x7b: case 0x70: case 0x6f:
                    return;
                case 0x63: case 0x64:
                    c.ReadS33();
                    return;
                default:
                    throw new UnsupportedException($"core value type 0x{b:x2} not decoded", at);
            }
        }

        private static void SkipCoreExternType(ComponentByteCursor c)
        {
            var at = c.Position;
            switch (c.ReadByte())
            {
                case 0x00:
                    c.ReadU32();
                    break;
                case 0x01:
                    SkipCoreValType(c);
                    SkipLimits(c);
                    break;
                case 0x02:
                    SkipLimits(c);
                    break;
                case 0x03:
                    SkipCoreValType(c);
                    c.ReadByte();
                    break;
                case 0x04:
                    ExpectByte(c, 0x00, "tag type");
                    c.ReadU32();
                    break;
                default:
                    throw ComponentByteCursor.Error("unknown core extern type", at);
            }
        }

        private static void SkipLimits(ComponentByteCursor c)
        {
            var at = c.Position;
            var flags = c.ReadByte();
            if ((flags & ~0x0F) != 0) throw ComponentByteCursor.Error($"unknown limits flags 0x{flags:x2}", at);
            var wide = (flags & 0x04) != 0;
            if (wide) c.ReadU64(); else c.ReadU32();
            if ((flags & 0x01) != 0)
            {
                if (wide) c.ReadU64(); else c.ReadU32();
            }
            if ((flags & 0x08) != 0) c.ReadU32();
        }
    }
}
