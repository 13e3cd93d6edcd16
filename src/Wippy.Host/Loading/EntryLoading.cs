using Wippy.Host.Registry;

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
    public static List<EntryLoadResult> LoadAll(WippyRuntime runtime)
    {
        var results = new List<EntryLoadResult>();
        foreach (var (function, time) in runtime.LoadAll())
        {
            results.Add(new(function.Id, function.Descriptor.Kind, function.IsLoaded, time.TotalMilliseconds, function.LoadError?.ToString()));
        }
        foreach (var lua in runtime.Manifest.Entries.OfType<LuaFunctionDescriptor>())
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var handle = runtime.GetLuaFunction(lua.Id);
            results.Add(new(lua.Id, lua.Kind, handle.IsLoaded, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, handle.LoadError?.ToString()));
        }
        results.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return results;
    }
}
