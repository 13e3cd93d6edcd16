using Wippy.Host.Registry;

namespace Wippy.Host.Loading;

/// <summary>A function entry before it is loaded: its pool settings, and how to load it into a <see cref="FunctionHandle"/>.</summary>
/// <param name="Pool">The entry's pool (the runtime reads <c>warm_start</c> before loading).</param>
/// <param name="Load">Loads the entry; a failure becomes the handle's load error, never an exception.</param>
internal sealed record LoadableFunction(PoolSettings Pool, Func<FunctionHandle> Load);

/// <summary>
/// The one place where the runtime learns which descriptors are functions and how each kind loads: a new kind of
/// function (a descriptor the generator emits for it, docs/architecture.md) adds one line here and a loader beside it.
/// Entries that are data for functions (<c>fs.*</c>, <c>env.*</c>) are not functions and have no loader.
/// </summary>
internal static class FunctionLoaders
{
    /// <summary>How to load <paramref name="entry"/> in <paramref name="runtime"/>, or null when it is not a function.</summary>
    public static LoadableFunction? For(EntryDescriptor entry, WippyRuntime runtime) => entry switch
    {
        FunctionDescriptor wasm => new(wasm.Pool, () => WasmFunctionLoader.Load(wasm, runtime)),
        LuaFunctionDescriptor lua => new(lua.Pool, () => new Lua.LuaFunctionHandle(lua, runtime, runtime.Policy, runtime.Observer(lua.Id))),
        _ => null,
    };
}
