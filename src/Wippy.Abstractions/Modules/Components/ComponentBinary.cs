namespace Wippy.Modules.Components;

/// <summary>The kind (sort) of a component import or export.</summary>
public enum ComponentExternKind
{
    /// <summary>A core module (<c>core module</c>).</summary>
    Module,
    /// <summary>A component function.</summary>
    Func,
    /// <summary>A component value.</summary>
    Value,
    /// <summary>A type (a type import or export, e.g. a record or resource given a name).</summary>
    Type,
    /// <summary>A component.</summary>
    Component,
    /// <summary>An instance (an interface such as <c>wasi:cli/run@0.2.0</c>).</summary>
    Instance,
}

/// <summary>One top-level section of a component binary.</summary>
/// <param name="Id">The section id (0 custom, 1 core module, 2 core instance, 3 core type, 4 component, 5 instance, 6 alias, 7 type, 8 canon, 9 start, 10 import, 11 export, 12 value).</param>
/// <param name="Offset">Byte offset of the section's contents (after its id and size).</param>
/// <param name="Length">Length of the section's contents in bytes.</param>
public sealed record ComponentSection(byte Id, int Offset, int Length);

/// <summary>Where reading a component binary failed.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Offset">Byte offset in the input at which the problem was found.</param>
public sealed record ComponentReadError(string Message, int Offset)
{
    /// <inheritdoc />
    public override string ToString() => $"{Message} (at byte offset {Offset})";
}

/// <summary>One top-level import or export of a component.</summary>
public sealed class ComponentExtern
{
    internal ComponentExtern(string name, ComponentExternKind kind, uint index, string? versionSuffix, string? implements)
    {
        Name = name;
        Kind = kind;
        Index = index;
        VersionSuffix = versionSuffix;
        Implements = implements;
        var at = name.IndexOf('@');
        var baseName = at >= 0 ? name.Substring(0, at) : name;
        Version = at >= 0 ? name.Substring(at + 1) : null;
        var colon = baseName.IndexOf(':');
        var slash = baseName.IndexOf('/');
        if (colon > 0 && slash > colon)
        {
            Namespace = baseName.Substring(0, colon);
            Package = baseName.Substring(colon + 1, slash - colon - 1);
            Interface = baseName.Substring(slash + 1);
        }
    }

    /// <summary>The name exactly as in the binary, e.g. <c>run</c>, <c>test:minimal/host</c> or <c>test:mapper/types@0.1.0</c>.</summary>
    public string Name { get; }

    /// <summary>The kind of the import or export.</summary>
    public ComponentExternKind Kind { get; }

    /// <summary>For an import, the type index of its extern type (0 when the kind has none); for an export, the index of the exported item in its kind's index space.</summary>
    public uint Index { get; }

    /// <summary>True when <see cref="Name"/> is an interface name (<c>ns:pkg/iface</c>, optionally <c>@version</c>).</summary>
    public bool IsInterfaceName => Interface is not null;

    /// <summary>The namespace of an interface name (<c>test</c> in <c>test:minimal/host</c>), else null.</summary>
    public string? Namespace { get; }

    /// <summary>The package of an interface name (<c>minimal</c> in <c>test:minimal/host</c>), else null.</summary>
    public string? Package { get; }

    /// <summary>The interface of an interface name (<c>host</c> in <c>test:minimal/host</c>), else null.</summary>
    public string? Interface { get; }

    /// <summary>The version after <c>@</c> in the name (<c>0.1.0</c> in <c>test:mapper/types@0.1.0</c>), else null.</summary>
    public string? Version { get; }

    /// <summary>The version-suffix attribute of the name, when the binary carries one, else null.</summary>
    public string? VersionSuffix { get; }

    /// <summary>The <c>implements</c> attribute of the name, when the binary carries one, else null.</summary>
    public string? Implements { get; }

    /// <summary>
    /// For a function: its WIT-like signature, e.g. <c>run: func(x: s32) -> s32;</c>. Null for other kinds or when the
    /// type could not be followed.
    /// </summary>
    public string? Signature { get; internal set; }

    /// <summary>
    /// For an instance: the WIT-like signatures of the functions it exports, in order
    /// (e.g. <c>add: func(a: s32, b: s32) -> s32;</c>). Empty for other kinds or when the type could not be followed.
    /// </summary>
    public IReadOnlyList<string> Functions { get; internal set; } = Array.Empty<string>();

    /// <summary>For an instance: the names of the functions it exports, in order (also those whose type could not be followed).</summary>
    public IReadOnlyList<string> FunctionNames { get; internal set; } = Array.Empty<string>();

    /// <summary>
    /// For an instance: WIT-like definitions of the named types it exports, in order
    /// (e.g. <c>record point { x: s32, y: s32 }</c>). For a type: its own definition. Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Types { get; internal set; } = Array.Empty<string>();

    /// <summary>For an instance: the names of the resource types it exports (<c>tally</c>), in order; an imported one's host must define them.</summary>
    public IReadOnlyList<string> ResourceNames { get; internal set; } = Array.Empty<string>();

    /// <summary>The resolved type of the import or export, when it could be followed.</summary>
    internal CType? ResolvedType { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Name}";
}

/// <summary>What <see cref="ComponentBinaryReader"/> found in a component binary.</summary>
public sealed partial class ComponentBinary
{
    internal ComponentBinary(
        IReadOnlyList<ComponentSection> sections,
        IReadOnlyList<byte[]> coreModules,
        int nestedComponentCount,
        IReadOnlyList<ComponentExtern> imports,
        IReadOnlyList<ComponentExtern> exports,
        string? typeProblem,
        ComponentCoreLayout.Result layout,
        ComponentCorePlan corePlan)
    {
        _layout = layout;
        CorePlan = corePlan;
        Sections = sections;
        CoreModules = coreModules;
        NestedComponentCount = nestedComponentCount;
        Imports = imports;
        Exports = exports;
        TypeProblem = typeProblem;
    }

    /// <summary>
    /// How the component's core modules are instantiated and wired (<see cref="ComponentCorePlan"/>): for each
    /// instantiation, where each import comes from. <see cref="ComponentCorePlan.Problem"/> says what it cannot follow.
    /// </summary>
    public ComponentCorePlan CorePlan { get; }

    /// <summary>The top-level sections, in order.</summary>
    public IReadOnlyList<ComponentSection> Sections { get; }

    /// <summary>The bytes of each top-level embedded core module (section id 1), in order; each starts with the core preamble.</summary>
    public IReadOnlyList<byte[]> CoreModules { get; }

    /// <summary>How many top-level nested components (section id 4) the binary holds.</summary>
    public int NestedComponentCount { get; }

    /// <summary>The top-level imports, in order.</summary>
    public IReadOnlyList<ComponentExtern> Imports { get; }

    /// <summary>The top-level exports, in order.</summary>
    public IReadOnlyList<ComponentExtern> Exports { get; }

    /// <summary>
    /// Null when every type was followed; otherwise why some signatures are missing (a construct this reader does not
    /// decode). The imports and exports themselves are still complete.
    /// </summary>
    public string? TypeProblem { get; }

    /// <summary>
    /// The component's world as WIT-like text, close to what <c>wasm-tools component wit</c> prints for it (without the
    /// <c>package</c> line): <c>use</c> lines for types taken from imported interfaces, <c>import</c> and <c>export</c>
    /// lines for interfaces and functions. Items whose types could not be followed are printed as comments.
    /// </summary>
    public string ToWorldWit() => ComponentWorldPrinter.Print(this);

    /// <summary>The import named <paramref name="name"/>, or null.</summary>
    public ComponentExtern? FindImport(string name) => Find(Imports, name);

    /// <summary>The export named <paramref name="name"/>, or null.</summary>
    public ComponentExtern? FindExport(string name) => Find(Exports, name);

    private static ComponentExtern? Find(IReadOnlyList<ComponentExtern> list, string name)
    {
        foreach (var e in list)
        {
            if (string.Equals(e.Name, name, StringComparison.Ordinal)) return e;
        }
        return null;
    }
}

/// <summary>The outcome of <see cref="ComponentBinaryReader.Read(byte[])"/>: a component, or an error with its offset.</summary>
public sealed class ComponentReadResult
{
    private ComponentReadResult(ComponentBinary? component, ComponentReadError? error)
    {
        Component = component;
        Error = error;
    }

    /// <summary>The component read, or null when <see cref="Error"/> is set.</summary>
    public ComponentBinary? Component { get; }

    /// <summary>Why the input is not a readable component, or null on success.</summary>
    public ComponentReadError? Error { get; }

    /// <summary>True when the input was read.</summary>
    public bool Success => Component is not null;

    internal static ComponentReadResult Ok(ComponentBinary component) => new(component, null);

    internal static ComponentReadResult Fail(string message, int offset) => new(null, new ComponentReadError(message, offset));
}
