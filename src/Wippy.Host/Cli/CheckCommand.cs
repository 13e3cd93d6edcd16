using Wippy.Host.Registry;

namespace Wippy.Host.Cli;

/// <summary>
/// <c>check</c>: loads every function entry as the runtime would on its first call (WebAssembly: read, hash-checked,
/// compiled, linked; Lua: compiled and run once) and prints one row per entry; exit 1 when any failed.
/// </summary>
internal static class CheckCommand
{
    public static int Run(RegistryManifest manifest, TextWriter stdout, WippyRuntimeOptions options)
    {
        using var runtime = new WippyRuntime(manifest, options);
        var rows = LoadAll(runtime);
        var idWidth = Math.Max(2, rows.Max(r => (int?)r.Id.Length) ?? 0);
        var kindWidth = Math.Max(4, rows.Max(r => (int?)r.Kind.Length) ?? 0);
        stdout.WriteLine($"{"ID".PadRight(idWidth)}  {"KIND".PadRight(kindWidth)}  STATE   LOAD");
        foreach (var (id, kind, loaded, ms, _) in rows)
        {
            stdout.WriteLine($"{id.PadRight(idWidth)}  {kind.PadRight(kindWidth)}  {(loaded ? "loaded" : "FAILED"),-6}  {ms.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms");
        }
        var failed = rows.Where(r => !r.Loaded).ToList();
        stdout.WriteLine();
        stdout.WriteLine($"{rows.Count - failed.Count} of {rows.Count} function entries loaded.");
        foreach (var (_, _, _, _, error) in failed) stdout.WriteLine(error);
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>Loads every function entry (WebAssembly and Lua) of <paramref name="runtime"/>, in id order, with its load time and error.</summary>
    public static List<(string Id, string Kind, bool Loaded, double Ms, string? Error)> LoadAll(WippyRuntime runtime)
    {
        var manifest = runtime.Manifest;
        var rows = new List<(string Id, string Kind, bool Loaded, double Ms, string? Error)>();
        foreach (var (function, time) in runtime.LoadAll())
        {
            rows.Add((function.Id, function.Descriptor.Kind, function.IsLoaded, time.TotalMilliseconds, function.LoadError?.ToString()));
        }
        foreach (var lua in manifest.Entries.OfType<LuaFunctionDescriptor>().OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var handle = runtime.GetLuaFunction(lua.Id);
            rows.Add((lua.Id, lua.Kind, handle.IsLoaded, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, handle.LoadError?.ToString()));
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return rows;
    }
}
