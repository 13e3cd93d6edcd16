using Wippy.Host.Registry;

namespace Wippy.Host.Cli;

/// <summary>
/// <c>check</c>: loads every function entry as its first call would (<see cref="Loading.EntryLoading"/>) and prints one
/// row per entry; exit 1 when any failed.
/// </summary>
internal static class CheckCommand
{
    public static int Run(RegistryManifest manifest, TextWriter stdout, WippyRuntimeOptions options)
    {
        using var runtime = new WippyRuntime(manifest, options);
        var rows = Loading.EntryLoading.LoadAll(runtime);
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
}
