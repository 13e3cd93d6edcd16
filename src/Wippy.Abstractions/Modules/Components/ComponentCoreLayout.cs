namespace Wippy.Modules.Components;

/// <summary>
/// How one exported component function reaches core code: the core export its <c>canon lift</c> lifts, and
/// whether its Canonical ABI options are the ones generated code implements (UTF-8 strings, synchronous).
/// </summary>
/// <param name="CoreExport">The name under which the component's core instance exports the lifted function
/// (e.g. <c>transform-users</c> or <c>wippy:test/echo#echo-string</c>), or null when the lifted function is not a
/// plain export of a core instance.</param>
/// <param name="StringEncoding"><c>utf8</c>, <c>utf16</c> or <c>latin1+utf16</c>.</param>
/// <param name="IsAsync">True when the lift uses the async ABI (the <c>async</c> or <c>callback</c> option).</param>
public sealed record ComponentLift(string? CoreExport, string StringEncoding, bool IsAsync)
{
    /// <summary>The core instance (index in the component's core instance space) whose <see cref="CoreExport"/> is lifted; null with it.</summary>
    public int? CoreInstance { get; init; }

    /// <summary>The lift's <c>memory</c> option, as the export of a core instance it names; null when it has none (or it is not an export).</summary>
    public CoreExportRef? Memory { get; init; }

    /// <summary>The lift's <c>realloc</c> option, as the export of a core instance it names; null when it has none.</summary>
    public CoreExportRef? Realloc { get; init; }

    /// <summary>The lift's <c>post-return</c> option, as the export of a core instance it names; null when it has none.</summary>
    public CoreExportRef? PostReturn { get; init; }
}

/// <summary>An export of a core instance: its index in the component's core instance space and the export's name.</summary>
/// <param name="Instance">The core instance.</param>
/// <param name="Name">The export's name.</param>
public sealed record CoreExportRef(int Instance, string Name);

/// <summary>
/// Follows the index spaces of a component's top level far enough to tell how its exported functions are
/// implemented: which core export each <c>canon lift</c> lifts, with which options, and whether the whole component
/// is one core module instantiated without imports. Such a component can be called by instantiating that core
/// module and running the Canonical ABI in generated code, which is what makes typed calls fast (the component
/// layer adds nothing to such a component at run time but the ABI itself).
/// </summary>
internal static class ComponentCoreLayout
{
    private abstract class Func;
    private sealed class LiftedFunc(ComponentLift lift) : Func { public ComponentLift Lift { get; } = lift; }
    private sealed class OtherFunc : Func;

    /// <summary>A core instance: an instantiation of module <c>Module</c> (−1 for an instance of inline exports).</summary>
    private sealed class CoreInstance(int module, int argumentCount)
    {
        public int Module { get; } = module;
        public int ArgumentCount { get; } = argumentCount;
    }

    /// <summary>A component instance made of inline exports (name → index in the func space), or an opaque one.</summary>
    private sealed class Instance(Dictionary<string, int>? funcExports)
    {
        public Dictionary<string, int>? FuncExports { get; } = funcExports;
    }

    public sealed class Result(Dictionary<string, ComponentLift> lifts, string? directCallProblem)
    {
        /// <summary>Lifts by function key: <c>f</c> for a top-level export, <c>instance-name#f</c> for a function of an exported instance.</summary>
        public Dictionary<string, ComponentLift> Lifts { get; } = lifts;

        public string? DirectCallProblem { get; } = directCallProblem;
    }

    public static Result Analyze(byte[] bytes, IReadOnlyList<ComponentSection> sections, IReadOnlyList<byte[]> coreModules)
    {
        var funcs = new List<Func?>();
        var coreFuncs = new List<(int Instance, string Name)?>();
        var coreMemories = new List<(int Instance, string Name)?>();
        var coreInstances = new List<CoreInstance>();
        var instances = new List<Instance>();
        var lifts = new Dictionary<string, ComponentLift>(StringComparer.Ordinal);
        var components = new List<Dictionary<string, string>?>();
        var lowers = 0;
        var componentInstantiations = 0;
        try
        {
            foreach (var section in sections)
            {
                var c = new ComponentByteCursor(bytes, section.Offset, section.Offset + section.Length);
                switch (section.Id)
                {
                    case 2:
                        for (var n = c.ReadCount(); n > 0; n--) coreInstances.Add(ReadCoreInstance(c));
                        break;
                    case 5:
                        for (var n = c.ReadCount(); n > 0; n--)
                        {
                            var instance = ReadInstance(c, components);
                            if (instance.FuncExports is null) componentInstantiations++;
                            instances.Add(instance);
                        }
                        break;
                    case 6:
                        for (var n = c.ReadCount(); n > 0; n--) ReadAlias(c, funcs, coreFuncs, coreMemories, instances);
                        break;
                    case 8:
                        for (var n = c.ReadCount(); n > 0; n--)
                        {
                            if (!ReadCanon(c, funcs, coreFuncs, coreMemories, coreInstances)) lowers++;
                        }
                        break;
                    case 10:
                        for (var n = c.ReadCount(); n > 0; n--) ReadImport(c, funcs, instances);
                        break;
                    case 11:
                        for (var n = c.ReadCount(); n > 0; n--) ReadExport(c, funcs, instances, lifts);
                        break;
                    case 4:
                        components.Add(ReadForwarder(bytes, section));
                        break;
                }
            }
        }
        catch (Exception e) when (e is ComponentFormatException or NotSupportedException)
        {
            return new Result(lifts, "its structure could not be followed: " + e.Message);
        }
        return new Result(lifts, DirectCallProblem(coreModules, coreInstances, components.Count(x => x is null), componentInstantiations, lowers));
    }

    private static string? DirectCallProblem(IReadOnlyList<byte[]> coreModules, List<CoreInstance> coreInstances, int nested, int componentInstantiations, int lowers)
    {
        if (nested > 0 || componentInstantiations > 0) return "it nests components that do more than name types";
        if (coreModules.Count != 1) return $"it holds {coreModules.Count} core modules (adapters or shims)";
        var instantiations = coreInstances.Count(i => i.Module >= 0);
        if (instantiations != 1) return $"it instantiates its core module {instantiations} times";
        if (lowers > 0) return "it lowers imported functions into its core module";
        var imports = CoreImportCount(coreModules[0]);
        if (imports != 0) return $"its core module has {imports} imports";
        return null;
    }

    private static CoreInstance ReadCoreInstance(ComponentByteCursor c)
    {
        var tag = c.ReadByte();
        if (tag == 0x00)
        {
            var module = (int)c.ReadU32();
            var args = c.ReadCount();
            for (var a = 0; a < args; a++)
            {
                c.ReadName();
                c.ReadByte(); // 0x12: instance
                c.ReadU32();
            }
            return new CoreInstance(module, args);
        }
        if (tag == 0x01)
        {
            for (var e = c.ReadCount(); e > 0; e--)
            {
                c.ReadName();
                c.ReadByte();
                c.ReadU32();
            }
            return new CoreInstance(-1, 0);
        }
        throw ComponentByteCursor.Error($"unknown core instance form 0x{tag:x2}", c.Position - 1);
    }

    private static Instance ReadInstance(ComponentByteCursor c, List<Dictionary<string, string>?> components)
    {
        var tag = c.ReadByte();
        if (tag == 0x00)
        {
            var component = (int)c.ReadU32();
            var argFuncs = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var a = c.ReadCount(); a > 0; a--)
            {
                var name = c.ReadName();
                var (core, sort) = ReadSort(c);
                var index = (int)c.ReadU32();
                if (!core && sort == 0x01) argFuncs[name] = index;
            }
            if (component >= components.Count || components[component] is not { } forwards) return new Instance(null);
            // A forwarding component (wit-component wraps exported interfaces in one to give their types names):
            // each of its exports is one of its imports, so the instance exports the functions passed in.
            var funcExports = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var kv in forwards)
            {
                if (!argFuncs.TryGetValue(kv.Value, out var f)) return new Instance(null);
                funcExports[kv.Key] = f;
            }
            return new Instance(funcExports);
        }
        if (tag == 0x01)
        {
            var funcExports = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var e = c.ReadCount(); e > 0; e--)
            {
                var name = ReadExternName(c);
                var (core, sort) = ReadSort(c);
                var index = (int)c.ReadU32();
                if (!core && sort == 0x01) funcExports[name] = index;
            }
            return new Instance(funcExports);
        }
        throw ComponentByteCursor.Error($"unknown instance form 0x{tag:x2}", c.Position - 1);
    }

    private static void ReadAlias(ComponentByteCursor c, List<Func?> funcs, List<(int, string)?> coreFuncs, List<(int, string)?> coreMemories, List<Instance> instances)
    {
        var (core, sort) = ReadSort(c);
        var target = c.ReadByte();
        switch (target)
        {
            case 0x00: // export of a component instance
                {
                    var instance = (int)c.ReadU32();
                    var name = c.ReadName();
                    if (core) break;
                    if (sort == 0x01)
                    {
                        var inst = instance < instances.Count ? instances[instance] : null;
                        funcs.Add(inst?.FuncExports is { } fx && fx.TryGetValue(name, out var f) && f < funcs.Count ? funcs[f] : new OtherFunc());
                    }
                    else if (sort == 0x05)
                    {
                        instances.Add(new Instance(null));
                    }
                    break;
                }
            case 0x01: // export of a core instance
                {
                    var instance = (int)c.ReadU32();
                    var name = c.ReadName();
                    if (core && sort == 0x00) coreFuncs.Add((instance, name));
                    else if (core && sort == 0x02) coreMemories.Add((instance, name));
                    break;
                }
            case 0x02: // outer
                c.ReadU32();
                c.ReadU32();
                if (!core && sort == 0x01) funcs.Add(new OtherFunc());
                else if (!core && sort == 0x05) instances.Add(new Instance(null));
                else if (core && sort == 0x00) coreFuncs.Add(null);
                else if (core && sort == 0x02) coreMemories.Add(null);
                break;
            default:
                throw ComponentByteCursor.Error($"unknown alias target 0x{target:x2}", c.Position - 1);
        }
    }

    /// <summary>Reads one canonical definition; false for a <c>canon lower</c> (an import made callable from core code).</summary>
    private static bool ReadCanon(ComponentByteCursor c, List<Func?> funcs, List<(int, string)?> coreFuncs, List<(int, string)?> coreMemories, List<CoreInstance> coreInstances)
    {
        var at = c.Position;
        var op = c.ReadByte();
        switch (op)
        {
            case 0x00: // lift
                {
                    c.ReadByte();
                    var coreFunc = (int)c.ReadU32();
                    var options = ComponentCorePlanner.ReadOptions(c);
                    c.ReadU32(); // the function type
                    string? export = null;
                    int? instance = null;
                    if (coreFunc < coreFuncs.Count && coreFuncs[coreFunc] is { } origin
                        && origin.Item1 < coreInstances.Count && coreInstances[origin.Item1].Module >= 0)
                    {
                        (instance, export) = origin;
                    }
                    funcs.Add(new LiftedFunc(new ComponentLift(export, options.Encoding, options.IsAsync)
                    {
                        CoreInstance = instance,
                        Memory = Ref(options.Memory, coreMemories),
                        Realloc = Ref(options.Realloc, coreFuncs),
                        PostReturn = Ref(options.PostReturn, coreFuncs),
                    }));
                    return true;
                }
            case 0x01: // lower
                c.ReadByte();
                c.ReadU32();
                ComponentCorePlanner.ReadOptions(c);
                coreFuncs.Add(null);
                return false;
            case 0x02: // resource.new
            case 0x03: // resource.drop
            case 0x04: // resource.rep
            case 0x07: // resource.drop async
                c.ReadU32(); // the resource type
                coreFuncs.Add(null);
                return true;
            default:
                // async built-ins: all of them define a core function, but their immediates differ, so they end the
                // analysis (the component is then called through Wasmtime).
                throw new NotSupportedException($"canonical definition 0x{op:x2} at byte offset {at}");
        }
    }

    /// <summary>The core export an option's index names in its space (core funcs or core memories), if it is one.</summary>
    private static CoreExportRef? Ref(int? index, List<(int, string)?> space) =>
        index is { } i && i < space.Count && space[i] is { } e ? new CoreExportRef(e.Item1, e.Item2) : null;

    private static void ReadImport(ComponentByteCursor c, List<Func?> funcs, List<Instance> instances)
    {
        ReadExternName(c);
        var tag = SkipExternDesc(c);
        if (tag == 0x01) funcs.Add(new OtherFunc());
        else if (tag == 0x05) instances.Add(new Instance(null));
    }

    /// <summary>Reads an extern descriptor (an import's type); returns its tag (0x01 func, 0x05 instance…).</summary>
    internal static byte SkipExternDesc(ComponentByteCursor c)
    {
        var tag = c.ReadByte();
        switch (tag)
        {
            case 0x00: c.ReadByte(); c.ReadU32(); break;
            case 0x01: c.ReadU32(); break;
            case 0x02: if (c.ReadByte() == 0x00) c.ReadU32(); else c.ReadS33(); break;
            case 0x03: if (c.ReadByte() == 0x00) c.ReadU32(); break;
            case 0x04: c.ReadU32(); break;
            case 0x05: c.ReadU32(); break;
            default: throw ComponentByteCursor.Error($"unknown extern type 0x{tag:x2}", c.Position - 1);
        }
        return tag;
    }

    /// <summary>Reads an export's optional type ascription (an extern descriptor, as an import's type).</summary>
    internal static void SkipExportType(ComponentByteCursor c)
    {
        if (c.ReadByte() == 0x01) SkipExternDesc(c);
    }

    private static void ReadExport(ComponentByteCursor c, List<Func?> funcs, List<Instance> instances, Dictionary<string, ComponentLift> lifts)
    {
        var name = ReadExternName(c);
        var (core, sort) = ReadSort(c);
        var index = (int)c.ReadU32();
        SkipExportType(c);
        if (core) return;
        if (sort == 0x01)
        {
            var f = index < funcs.Count ? funcs[index] : null;
            funcs.Add(f);
            if (f is LiftedFunc lifted) lifts[name] = lifted.Lift;
        }
        else if (sort == 0x05)
        {
            var inst = index < instances.Count ? instances[index] : new Instance(null);
            instances.Add(inst);
            if (inst.FuncExports is null) return;
            foreach (var kv in inst.FuncExports)
            {
                if (kv.Value < funcs.Count && funcs[kv.Value] is LiftedFunc lifted) lifts[name + "#" + kv.Key] = lifted.Lift;
            }
        }
    }

    /// <summary>
    /// For a nested component that only re-exports functions it imports (types aside), export name → import
    /// name; null for any other nested component.
    /// </summary>
    private static Dictionary<string, string>? ReadForwarder(byte[] bytes, ComponentSection section)
    {
        var importedFuncs = new List<string?>();
        var forwards = new Dictionary<string, string>(StringComparer.Ordinal);
        var c = new ComponentByteCursor(bytes, section.Offset, section.Offset + section.Length);
        c.Skip(8);
        while (!c.AtEnd)
        {
            var id = c.ReadByte();
            var size = c.ReadLength();
            var s = new ComponentByteCursor(bytes, c.Position, c.Position + size);
            c.Skip(size);
            switch (id)
            {
                case 0: case 3: case 7:
                    break; // custom, core types, types
                case 10:
                    for (var n = s.ReadCount(); n > 0; n--)
                    {
                        var name = ReadExternName(s);
                        var tag = s.ReadByte();
                        switch (tag)
                        {
                            case 0x01: s.ReadU32(); importedFuncs.Add(name); break;
                            case 0x03: if (s.ReadByte() == 0x00) s.ReadU32(); break;
                            default: return null;
                        }
                    }
                    break;
                case 11:
                    for (var n = s.ReadCount(); n > 0; n--)
                    {
                        var name = ReadExternName(s);
                        var (core, sort) = ReadSort(s);
                        var index = (int)s.ReadU32();
                        SkipExportType(s);
                        if (core) return null;
                        if (sort == 0x01)
                        {
                            if (index >= importedFuncs.Count || importedFuncs[index] is not { } imported) return null;
                            forwards[name] = imported;
                            importedFuncs.Add(imported); // an exported func is a new item of the func space
                        }
                        else if (sort != 0x03)
                        {
                            return null;
                        }
                    }
                    break;
                default:
                    return null;
            }
        }
        return forwards;
    }

    internal static string ReadExternName(ComponentByteCursor c)
    {
        var tag = c.ReadByte();
        var name = c.ReadName();
        if (tag == 0x02)
        {
            for (var n = c.ReadCount(); n > 0; n--)
            {
                c.ReadByte();
                c.ReadName();
            }
        }
        return name;
    }

    internal static (bool Core, byte Sort) ReadSort(ComponentByteCursor c)
    {
        var b = c.ReadByte();
        return b == 0x00 ? (true, c.ReadByte()) : (false, b);
    }

    /// <summary>The number of imports of a core module (its import section's count), from its bytes.</summary>
    private static int CoreImportCount(byte[] module)
    {
        var c = new ComponentByteCursor(module, 8, module.Length);
        while (!c.AtEnd)
        {
            var id = c.ReadByte();
            var size = c.ReadLength();
            if (id == 2) return (int)new ComponentByteCursor(module, c.Position, c.Position + size).ReadU32();
            c.Skip(size);
        }
        return 0;
    }
}
