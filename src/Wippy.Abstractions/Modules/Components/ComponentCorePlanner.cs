namespace Wippy.Modules.Components;

/// <summary>
/// Follows a component's core index spaces (core functions, tables, memories, globals and instances) and the
/// component functions and instances it imports, far enough to say, for every core module instantiation, where each
/// import comes from (<see cref="ComponentCorePlan"/>): an earlier instantiation's export, a lowered component import,
/// or a canonical built-in. This is the wiring jco and Wasmtime follow to run a component as its core modules.
/// </summary>
internal static class ComponentCorePlanner
{
    /// <summary>An item of a core index space: an export of a core instance, a lowered import, a built-in, or unknown.</summary>
    private abstract class CoreItem;
    private sealed class Exported(int instance, string name) : CoreItem { public int Instance { get; } = instance; public string Name { get; } = name; }
    private sealed class Lowered(int lower) : CoreItem { public int Lower { get; } = lower; }
    private sealed class Builtin(string name, string? resource = null) : CoreItem { public string Name { get; } = name; public string? Resource { get; } = resource; }
    private sealed class Unknown(string why) : CoreItem { public string Why { get; } = why; }

    /// <summary>A core instance: an instantiation (module and arguments) or a bundle of inline exports.</summary>
    private sealed class CoreInstance
    {
        public int Module = -1; // -1: inline exports
        public Dictionary<string, int> Arguments = new(StringComparer.Ordinal);
        public Dictionary<string, CoreItem> Exports = new(StringComparer.Ordinal);
    }

    /// <summary>A component function: an imported one (instance name or null, function name), or anything else.</summary>
    private sealed record ComponentFunc(string? Instance, string? Function);

    public static ComponentCorePlan Plan(byte[] bytes, IReadOnlyList<ComponentSection> sections, IReadOnlyList<byte[]> coreModules)
    {
        var coreFuncs = new List<CoreItem>();
        var coreTables = new List<CoreItem>();
        var coreMemories = new List<CoreItem>();
        var coreGlobals = new List<CoreItem>();
        var coreInstances = new List<CoreInstance>();
        var funcs = new List<ComponentFunc>();
        var instances = new List<string?>(); // imported instance name, or null
        var types = new List<string?>(); // an imported resource type ("instance#name" or a top-level type import), or null
        var lowers = new List<ComponentLower>();
        var lowerSpecs = new List<(int Func, string Encoding, bool IsAsync, int? Memory, int? Realloc)>();
        string? problem = null;
        try
        {
            foreach (var section in sections)
            {
                var c = new ComponentByteCursor(bytes, section.Offset, section.Offset + section.Length);
                switch (section.Id)
                {
                    case 2:
                        for (var n = c.ReadCount(); n > 0; n--) coreInstances.Add(ReadCoreInstance(c, coreFuncs, coreTables, coreMemories, coreGlobals));
                        break;
                    case 7:
                        // Each type definition is one type index: none of them is an imported resource.
                        for (var n = c.ReadCount(); n > 0; n--) types.Add(null);
                        break;
                    case 5:
                        for (var n = c.ReadCount(); n > 0; n--)
                        {
                            SkipInstance(c);
                            instances.Add(null);
                        }
                        break;
                    case 6:
                        for (var n = c.ReadCount(); n > 0; n--) ReadAlias(c, coreFuncs, coreTables, coreMemories, coreGlobals, funcs, instances, types);
                        break;
                    case 8:
                        for (var n = c.ReadCount(); n > 0; n--) ReadCanon(c, coreFuncs, funcs, lowerSpecs, types);
                        break;
                    case 10:
                        for (var n = c.ReadCount(); n > 0; n--) ReadImport(c, funcs, instances, types, ref problem);
                        break;
                    case 11:
                        for (var n = c.ReadCount(); n > 0; n--) ReadExport(c, funcs, instances, types);
                        break;
                }
            }
        }
        catch (Exception e) when (e is ComponentFormatException or NotSupportedException)
        {
            problem ??= "its structure could not be followed: " + e.Message;
        }

        foreach (var spec in lowerSpecs)
        {
            var f = spec.Func < funcs.Count ? funcs[spec.Func] : new ComponentFunc(null, null);
            if (f.Function is null) problem ??= "it lowers a function that is not one of its imports";
            if (spec.IsAsync) problem ??= $"it lowers '{Describe(f)}' with the async ABI";
            if (spec.Encoding != "utf8") problem ??= $"it lowers '{Describe(f)}' with string-encoding={spec.Encoding}";
            lowers.Add(new ComponentLower(f.Instance, f.Function ?? "?", spec.Encoding, spec.IsAsync,
                Where(spec.Memory, coreMemories), Where(spec.Realloc, coreFuncs)));
        }

        var instantiations = new List<CoreInstantiation>();
        for (var i = 0; i < coreInstances.Count; i++)
        {
            var instance = coreInstances[i];
            if (instance.Module < 0) continue;
            if (instance.Module >= coreModules.Count)
            {
                problem ??= $"core instance {i} instantiates module {instance.Module}, which is not embedded";
                continue;
            }
            IReadOnlyList<(string Module, string Name, string Kind)> imports;
            try
            {
                imports = CoreModuleImports.Read(coreModules[instance.Module]);
            }
            catch (ComponentFormatException e)
            {
                problem ??= $"the imports of core module {instance.Module} could not be read: {e.Message}";
                continue;
            }
            var sources = new List<CoreImportSource>(imports.Count);
            foreach (var (module, name, kind) in imports)
            {
                var source = Resolve(module, name, kind, instance, coreInstances);
                sources.Add(source);
                problem ??= source switch
                {
                    // Dropping a handle of an imported (host) resource is the host's to serve; anything else is not planned yet.
                    FromBuiltin { Builtin: "resource.drop", Resource: not null } => null,
                    FromBuiltin b => $"core module {instance.Module} imports '{module}#{name}', the canonical built-in {b.Builtin}",
                    FromUnknown u => $"core module {instance.Module} imports '{module}#{name}' from {u.Why}",
                    _ => null,
                };
            }
            instantiations.Add(new CoreInstantiation(i, instance.Module, sources));
        }
        return new ComponentCorePlan(instantiations, lowers, problem);
    }

    private static string Describe(ComponentFunc f) => f.Instance is null ? f.Function ?? "?" : f.Instance + "#" + f.Function;

    /// <summary>Where a memory or realloc option points: an export of a core instance, if that is what it is.</summary>
    private static (int Instance, string Export)? Where(int? index, List<CoreItem> space) =>
        index is { } i && i < space.Count && space[i] is Exported e ? (e.Instance, e.Name) : null;

    private static CoreImportSource Resolve(string module, string name, string kind, CoreInstance instance, List<CoreInstance> coreInstances)
    {
        if (!instance.Arguments.TryGetValue(module, out var argument) || argument >= coreInstances.Count)
        {
            return new FromUnknown(module, name, kind, $"no instance given for '{module}'");
        }
        var from = coreInstances[argument];
        if (from.Module >= 0) return new FromCoreExport(module, name, kind, argument, name);
        if (!from.Exports.TryGetValue(name, out var item)) return new FromUnknown(module, name, kind, $"an instance without '{name}'");
        return item switch
        {
            Exported e => new FromCoreExport(module, name, kind, e.Instance, e.Name),
            Lowered l => new FromLower(module, name, kind, l.Lower),
            Builtin b => new FromBuiltin(module, name, kind, b.Name, b.Resource),
            Unknown u => new FromUnknown(module, name, kind, u.Why),
            _ => new FromUnknown(module, name, kind, "an item the plan does not know"),
        };
    }

    private static CoreInstance ReadCoreInstance(ComponentByteCursor c, List<CoreItem> funcs, List<CoreItem> tables, List<CoreItem> memories, List<CoreItem> globals)
    {
        var instance = new CoreInstance();
        var tag = c.ReadByte();
        if (tag == 0x00)
        {
            instance.Module = (int)c.ReadU32();
            for (var a = c.ReadCount(); a > 0; a--)
            {
                var name = c.ReadName();
                c.ReadByte(); // 0x12: instance
                instance.Arguments[name] = (int)c.ReadU32();
            }
            return instance;
        }
        if (tag == 0x01)
        {
            for (var e = c.ReadCount(); e > 0; e--)
            {
                var name = c.ReadName();
                var sort = c.ReadByte();
                var index = (int)c.ReadU32();
                var space = sort switch { 0x00 => funcs, 0x01 => tables, 0x02 => memories, 0x03 => globals, _ => null };
                instance.Exports[name] = space is not null && index < space.Count ? space[index] : new Unknown($"core sort 0x{sort:x2} item {index}");
            }
            return instance;
        }
        throw ComponentByteCursor.Error($"unknown core instance form 0x{tag:x2}", c.Position - 1);
    }

    private static void SkipInstance(ComponentByteCursor c)
    {
        var tag = c.ReadByte();
        if (tag == 0x00)
        {
            c.ReadU32();
            for (var a = c.ReadCount(); a > 0; a--)
            {
                c.ReadName();
                ComponentCoreLayout.ReadSort(c);
                c.ReadU32();
            }
            return;
        }
        if (tag == 0x01)
        {
            for (var e = c.ReadCount(); e > 0; e--)
            {
                ComponentCoreLayout.ReadExternName(c);
                ComponentCoreLayout.ReadSort(c);
                c.ReadU32();
            }
            return;
        }
        throw ComponentByteCursor.Error($"unknown instance form 0x{tag:x2}", c.Position - 1);
    }

    private static void ReadAlias(ComponentByteCursor c, List<CoreItem> coreFuncs, List<CoreItem> tables, List<CoreItem> memories, List<CoreItem> globals,
        List<ComponentFunc> funcs, List<string?> instances, List<string?> types)
    {
        var (core, sort) = ComponentCoreLayout.ReadSort(c);
        var target = c.ReadByte();
        var coreSpace = core ? sort switch { 0x00 => coreFuncs, 0x01 => tables, 0x02 => memories, 0x03 => globals, _ => null } : null;
        switch (target)
        {
            case 0x00: // export of a component instance
                {
                    var instance = (int)c.ReadU32();
                    var name = c.ReadName();
                    var imported = instance < instances.Count ? instances[instance] : null;
                    if (!core && sort == 0x01) funcs.Add(new ComponentFunc(imported, imported is null ? null : name));
                    else if (!core && sort == 0x05) instances.Add(null);
                    else if (!core && sort == 0x03) types.Add(imported is null ? null : imported + "#" + name);
                    break;
                }
            case 0x01: // export of a core instance
                {
                    var instance = (int)c.ReadU32();
                    var name = c.ReadName();
                    coreSpace?.Add(new Exported(instance, name));
                    break;
                }
            case 0x02: // outer
                c.ReadU32();
                c.ReadU32();
                coreSpace?.Add(new Unknown("an outer alias"));
                if (!core && sort == 0x01) funcs.Add(new ComponentFunc(null, null));
                else if (!core && sort == 0x05) instances.Add(null);
                else if (!core && sort == 0x03) types.Add(null);
                break;
            default:
                throw ComponentByteCursor.Error($"unknown alias target 0x{target:x2}", c.Position - 1);
        }
    }

    private static void ReadCanon(ComponentByteCursor c, List<CoreItem> coreFuncs, List<ComponentFunc> funcs,
        List<(int Func, string Encoding, bool IsAsync, int? Memory, int? Realloc)> lowers, List<string?> types)
    {
        var at = c.Position;
        var op = c.ReadByte();
        switch (op)
        {
            case 0x00: // lift: defines a component function
                c.ReadByte();
                c.ReadU32();
                ReadOptions(c);
                c.ReadU32();
                funcs.Add(new ComponentFunc(null, null));
                break;
            case 0x01: // lower: defines a core function
                {
                    c.ReadByte();
                    var func = (int)c.ReadU32();
                    var (encoding, isAsync, memory, realloc, _) = ReadOptions(c);
                    coreFuncs.Add(new Lowered(lowers.Count));
                    lowers.Add((func, encoding, isAsync, memory, realloc));
                    break;
                }
            case 0x02: c.ReadU32(); coreFuncs.Add(new Builtin("resource.new")); break;
            case 0x03:
                {
                    var type = (int)c.ReadU32();
                    coreFuncs.Add(new Builtin("resource.drop", type < types.Count ? types[type] : null));
                    break;
                }
            case 0x07: c.ReadU32(); coreFuncs.Add(new Builtin("resource.drop async")); break;
            case 0x04: c.ReadU32(); coreFuncs.Add(new Builtin("resource.rep")); break;
            default:
                // The async built-ins (task.return, waitable sets, streams, futures…): not planned yet.
                throw new NotSupportedException($"canonical built-in 0x{op:x2} at byte offset {at}");
        }
    }

    /// <summary>Reads a canonical definition's options: string encoding, async, and the memory and realloc indices.</summary>
    internal static (string Encoding, bool IsAsync, int? Memory, int? Realloc, int? PostReturn) ReadOptions(ComponentByteCursor c)
    {
        var encoding = "utf8";
        var isAsync = false;
        int? memory = null, realloc = null, postReturn = null;
        for (var n = c.ReadCount(); n > 0; n--)
        {
            var o = c.ReadByte();
            switch (o)
            {
                case 0x00: encoding = "utf8"; break;
                case 0x01: encoding = "utf16"; break;
                case 0x02: encoding = "latin1+utf16"; break;
                case 0x03: memory = (int)c.ReadU32(); break;
                case 0x04: realloc = (int)c.ReadU32(); break;
                case 0x05: postReturn = (int)c.ReadU32(); break;
                case 0x06: isAsync = true; break;
                case 0x07: isAsync = true; c.ReadU32(); break; // callback
                default: throw new NotSupportedException($"canonical option 0x{o:x2}");
            }
        }
        return (encoding, isAsync, memory, realloc, postReturn);
    }

    private static void ReadImport(ComponentByteCursor c, List<ComponentFunc> funcs, List<string?> instances, List<string?> types, ref string? problem)
    {
        var name = ComponentCoreLayout.ReadExternName(c);
        switch (ComponentCoreLayout.SkipExternDesc(c))
        {
            case 0x00: problem ??= $"it imports the core module '{name}'"; break;
            case 0x01: funcs.Add(new ComponentFunc(null, name)); break;
            case 0x03: types.Add(name); break;
            case 0x05: instances.Add(name); break;
        }
    }

    private static void ReadExport(ComponentByteCursor c, List<ComponentFunc> funcs, List<string?> instances, List<string?> types)
    {
        ComponentCoreLayout.ReadExternName(c);
        var (core, sort) = ComponentCoreLayout.ReadSort(c);
        var index = (int)c.ReadU32();
        ComponentCoreLayout.SkipExportType(c);
        if (core) return;
        // An export defines a new item of its sort: the same function or instance under a new index.
        if (sort == 0x01) funcs.Add(index < funcs.Count ? funcs[index] : new ComponentFunc(null, null));
        else if (sort == 0x05) instances.Add(index < instances.Count ? instances[index] : null);
        else if (sort == 0x03) types.Add(index < types.Count ? types[index] : null);
    }
}
