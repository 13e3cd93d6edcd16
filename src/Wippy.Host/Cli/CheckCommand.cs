using Wippy.Host.Loading;
using Wippy.Host.Registry;

namespace Wippy.Host.Cli;

/// <summary>
/// <c>check</c>: loads every function entry as its first call would (<see cref="Loading.EntryLoading"/>) and prints one
/// row per entry; exit 1 when any failed. A loaded component whose imported interface has no implementation among the
/// services gets a line saying so: it loads (the import is a stub), and a call that reaches it fails with Unavailable.
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
        foreach (var line in Unimplemented(manifest, rows.Where(r => r.Loaded).Select(r => r.Id), options.Services)) stdout.WriteLine(line);
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>One line per loaded entry and imported interface with functions no registered service implements.</summary>
    private static IEnumerable<string> Unimplemented(RegistryManifest manifest, IEnumerable<string> loaded, IServiceProvider? services)
    {
        foreach (var id in loaded)
        {
            if (manifest.Find(id) is not FunctionDescriptor d) continue;
            var missing = d.ComponentImports
                .Where(b => ComponentImportLinker.RegisteredFor(b, services) == ComponentImportLinker.Registered.Nothing)
                .GroupBy(b => (b.Instance, b.Implementation));
            foreach (var group in missing)
            {
                var functions = string.Join(", ", group.Select(b => b.Function));
                yield return $"{id}: nothing implements {group.Key.Implementation} (of {group.Key.Instance ?? "the world's imports"}): calls of {functions} fail with Unavailable; register an implementation in the app's services";
            }
        }
    }
}
