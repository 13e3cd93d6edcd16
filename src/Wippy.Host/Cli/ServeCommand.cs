using System.Runtime.InteropServices;
using Wippy.Host.Registry;

namespace Wippy.Host.Cli;

/// <summary>
/// <c>run</c>: starts the runtime (every entry loaded, warm_start pools filled, idle reaping running) and serves until
/// stopped by Ctrl+C, SIGTERM or the caller's token; then shuts the runtime down (waiting callers fail with
/// Unavailable, running calls finish).
/// </summary>
internal static class ServeCommand
{
    public static int Run(RegistryManifest manifest, TextWriter stdout, TextWriter stderr, WippyRuntimeOptions options, CancellationToken stop)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using (var runtime = new WippyRuntime(manifest, options))
        {
            var loaded = CheckCommand.LoadAll(runtime);
            var failed = loaded.Where(l => !l.Loaded).ToList();
            foreach (var entry in failed) stderr.WriteLine(entry.Error);
            stdout.WriteLine($"Serving {loaded.Count - failed.Count} of {loaded.Count} functions. Press Ctrl+C to stop.");
            stdout.Flush();
            stopping.Token.WaitHandle.WaitOne();
            stdout.WriteLine("Stopping.");
        }
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // shut down in order instead of the default termination
            stopping.Cancel();
        }
    }
}
