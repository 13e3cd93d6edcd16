namespace Wippy.Modules.Components;

/// <summary>
/// How a component's core modules are instantiated and wired together, read from the component's own instructions
/// (its core instance, alias and canonical sections): the plan a host follows to run a component as its core modules,
/// doing the Canonical ABI itself, rather than through an engine's component model. The groundwork for calling every
/// component directly; see docs/components.md.
/// </summary>
/// <param name="Instantiations">The component's core module instantiations, in its order (the order to make them in).</param>
/// <param name="Lowers">Every <c>canon lower</c>: the imported component functions core code calls.</param>
/// <param name="Problem">Null when every import of every instantiation resolves to something in the plan; otherwise
/// the first thing that does not (a construct the plan does not cover yet), for a note naming why.</param>
public sealed record ComponentCorePlan(
    IReadOnlyList<CoreInstantiation> Instantiations,
    IReadOnlyList<ComponentLower> Lowers,
    string? Problem);

/// <summary>One instantiation of an embedded core module.</summary>
/// <param name="Instance">Its index in the component's core instance index space.</param>
/// <param name="Module">The embedded core module it instantiates (index into <see cref="ComponentBinary.CoreModules"/>).</param>
/// <param name="Imports">Where each of the module's imports comes from, in the module's import order.</param>
public sealed record CoreInstantiation(int Instance, int Module, IReadOnlyList<CoreImportSource> Imports);

/// <summary>Where one import (<see cref="Module"/>, <see cref="Name"/>) of a core instantiation comes from.</summary>
/// <param name="Module">The import's module name.</param>
/// <param name="Name">The import's field name.</param>
/// <param name="Kind">The kind of the import: <c>func</c>, <c>table</c>, <c>memory</c>, <c>global</c> or <c>tag</c>.</param>
public abstract record CoreImportSource(string Module, string Name, string Kind);

/// <summary>An export of an earlier instantiation (e.g. the main module's <c>memory</c> given to an adapter).</summary>
/// <param name="Module">The import's module name.</param>
/// <param name="Name">The import's field name.</param>
/// <param name="Kind">The import's kind.</param>
/// <param name="Instance">The core instance index of that instantiation.</param>
/// <param name="Export">The name it exports the item under.</param>
public sealed record FromCoreExport(string Module, string Name, string Kind, int Instance, string Export) : CoreImportSource(Module, Name, Kind);

/// <summary>A lowered component import (<see cref="ComponentCorePlan.Lowers"/>[<paramref name="Lower"/>]).</summary>
/// <param name="Module">The import's module name.</param>
/// <param name="Name">The import's field name.</param>
/// <param name="Kind">The import's kind.</param>
/// <param name="Lower">Its index in <see cref="ComponentCorePlan.Lowers"/>.</param>
public sealed record FromLower(string Module, string Name, string Kind, int Lower) : CoreImportSource(Module, Name, Kind);

/// <summary>
/// A canonical built-in the component defines (<c>resource.drop</c>, <c>resource.new</c>, <c>resource.rep</c>, or an
/// async built-in), by its name. Of these the plan covers <c>resource.drop</c> of an imported resource type (a host
/// resource, such as WASI's <c>output-stream</c>): <paramref name="Resource"/> names it.
/// </summary>
/// <param name="Module">The import's module name.</param>
/// <param name="Name">The import's field name.</param>
/// <param name="Kind">The import's kind.</param>
/// <param name="Builtin">The built-in's name, e.g. <c>resource.drop</c>.</param>
/// <param name="Resource">The imported resource type it works on, as <c>instance#resource</c>
/// (<c>wasi:io/streams@0.2.0#output-stream</c>), or the name of a top-level type import; null for a resource type the
/// component defines itself, or one the plan could not follow.</param>
public sealed record FromBuiltin(string Module, string Name, string Kind, string Builtin, string? Resource = null) : CoreImportSource(Module, Name, Kind);

/// <summary>Something the plan cannot follow (an outer alias, a nested component's export…), with why.</summary>
/// <param name="Module">The import's module name.</param>
/// <param name="Name">The import's field name.</param>
/// <param name="Kind">The import's kind.</param>
/// <param name="Why">What it comes from, in words.</param>
public sealed record FromUnknown(string Module, string Name, string Kind, string Why) : CoreImportSource(Module, Name, Kind);

/// <summary>
/// One <c>canon lower</c>: an imported component function made callable from core code, with its Canonical ABI
/// options. The memory and <c>realloc</c> are given as where they come from (an export of an instantiation), as the
/// component does; many components define them late, through a shim table filled after the main module exists.
/// </summary>
/// <param name="Import">The imported instance (e.g. <c>wasi:cli/environment@0.2.0</c>), or null for a top-level function import.</param>
/// <param name="Function">The function's name in that instance (or the top-level import's name).</param>
/// <param name="StringEncoding"><c>utf8</c>, <c>utf16</c> or <c>latin1+utf16</c>.</param>
/// <param name="IsAsync">True for the async ABI.</param>
/// <param name="Memory">The memory option: (core instance, export name), or null.</param>
/// <param name="Realloc">The realloc option: (core instance, export name), or null.</param>
public sealed record ComponentLower(
    string? Import,
    string Function,
    string StringEncoding,
    bool IsAsync,
    (int Instance, string Export)? Memory,
    (int Instance, string Export)? Realloc);
