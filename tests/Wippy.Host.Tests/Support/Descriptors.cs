using Wippy.Host.Registry;

namespace Wippy.Host.Tests.Support;

/// <summary>Test runtimes over chosen entries of the test registry, some of them changed (a pool, a limit).</summary>
internal static class Descriptors
{
    /// <summary><paramref name="d"/> with another pool, limits, component facts, module source or WASI settings; everything else as generated.</summary>
    public static FunctionDescriptor With(
        FunctionDescriptor d, PoolSettings? pool = null, LimitSettings? limits = null, ComponentCallInfo? component = null, ModuleSource? source = null,
        WasiSettings? wasi = null) =>
        new(d.Id, d.Kind, d.DeclaredAt)
        {
            Export = d.Export,
            Component = component ?? d.Component,
            CallsComponentModel = d.CallsComponentModel,
            ComponentImports = d.ComponentImports,
            Source = source ?? d.Source,
            Pool = pool ?? d.Pool,
            Limits = limits ?? d.Limits,
            Transport = d.Transport,
            Imports = d.Imports,
            Wasi = wasi ?? d.Wasi,
            CoreParams = d.CoreParams,
            CoreResults = d.CoreResults,
            WitSignature = d.WitSignature,
            InvokeJson = d.InvokeJson,
            InvokeLua = d.InvokeLua,
        };

    /// <summary>
    /// A manifest of the test registry's entries in namespace <paramref name="ns"/> (a generated proxy needs all of its
    /// namespace), with the entry <paramref name="id"/> passed through <paramref name="change"/>.
    /// </summary>
    public static RegistryManifest Manifest(string ns, string id, Func<FunctionDescriptor, FunctionDescriptor> change) =>
        new(WippyRegistry.CreateManifest().Entries
            .Where(e => e.Id.StartsWith(ns + ":", StringComparison.Ordinal))
            .Select(e => e.Id == id && e is FunctionDescriptor f ? change(f) : e));

    /// <summary>A runtime over <paramref name="manifest"/> with the test registry's root.</summary>
    public static WippyRuntime Runtime(RegistryManifest manifest) =>
        new(manifest, new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
}
