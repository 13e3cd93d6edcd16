namespace Wippy.Host.Loading;

/// <summary>One function entry after loading: its state, how long the load took, and why it failed.</summary>
internal readonly record struct EntryLoadResult(string Id, string Kind, bool Loaded, double Ms, string? Error);

/// <summary>
/// Loads every function entry of a runtime as its first call would (WebAssembly: read, hash-checked, compiled,
/// linked; Lua: compiled and run once). Used by <c>check</c>, <c>run</c>, the hosted service and the health check.
/// </summary>
internal static class EntryLoading
{
    /// <summary>Every function entry (WebAssembly and Lua), in id order; entries already loaded return at once.</summary>
    public static List<EntryLoadResult> LoadAll(WippyRuntime runtime) =>
        runtime.LoadAll()
            .Select(l => new EntryLoadResult(l.Function.Id, l.Function.Descriptor.Kind, l.Function.IsLoaded, l.LoadTime.TotalMilliseconds, l.Function.LoadError?.ToString()))
            .ToList();
}
