using Wippy.Host.Registry;

namespace Wippy.Host.Cli;

/// <summary>
/// The command line of a Wippy app (System.CommandLine): <c>run</c> (the default), <c>list</c>, <c>call &lt;id&gt; [json…]</c>,
/// <c>wit &lt;id&gt;</c> and <c>check</c>. An app's <c>Program.cs</c> is one line:
/// <c>return Wippy.Host.Cli.WippyApp.Run(args, WippyRegistry.CreateManifest());</c>.
/// </summary>
/// <remarks>Exit codes: 0 success; 1 the call failed, or check found entries that do not load; 2 bad usage.</remarks>
public static class WippyApp
{
    /// <summary>The exit codes, as <c>--help</c> prints them.</summary>
    public const string ExitCodes = "Exit codes: 0 success; 1 the call failed (kind and message on stderr), or check found entries that do not load; 2 bad usage.";

    /// <summary>Runs the command in <paramref name="args"/> against the registry, writing to the console.</summary>
    public static int Run(string[] args, RegistryManifest manifest) =>
        Run(args, manifest, Console.Out, Console.Error, new WippyRuntimeOptions(), CancellationToken.None, null, Console.OpenStandardInput);

    /// <summary>
    /// Runs the command in <paramref name="args"/> against the registry, writing to the console, with
    /// <paramref name="configureServices"/>'s services: the C# implementations of components' imports
    /// (<c>services =&gt; services.AddSingleton&lt;IHost, MyHost&gt;()</c>), which every command's calls reach, and for
    /// <c>run</c>'s host, <c>services.AddWippyHttp()</c> (package Wippy.Http) to serve the registry's HTTP endpoints.
    /// </summary>
    public static int Run(string[] args, RegistryManifest manifest, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> configureServices)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        return Run(args, manifest, Console.Out, Console.Error, new WippyRuntimeOptions(), CancellationToken.None, configureServices, Console.OpenStandardInput);
    }

    /// <summary>Runs the command in <paramref name="args"/>, writing results to <paramref name="stdout"/> and errors to <paramref name="stderr"/>.</summary>
    public static int Run(string[] args, RegistryManifest manifest, TextWriter stdout, TextWriter stderr, WippyRuntimeOptions options) =>
        Run(args, manifest, stdout, stderr, options, CancellationToken.None);

    /// <summary>Like <see cref="Run(string[], RegistryManifest, TextWriter, TextWriter, WippyRuntimeOptions)"/>; <paramref name="stop"/> ends <c>run</c> (as Ctrl+C or SIGTERM do).</summary>
    public static int Run(string[] args, RegistryManifest manifest, TextWriter stdout, TextWriter stderr, WippyRuntimeOptions options, CancellationToken stop) =>
        Run(args, manifest, stdout, stderr, options, stop, null);

    /// <summary>
    /// Like <see cref="Run(string[], RegistryManifest, TextWriter, TextWriter, WippyRuntimeOptions, CancellationToken)"/>,
    /// with <paramref name="configureServices"/> adding to <c>run</c>'s services (<see cref="Run(string[], RegistryManifest, Action{Microsoft.Extensions.DependencyInjection.IServiceCollection})"/>).
    /// </summary>
    public static int Run(string[] args, RegistryManifest manifest, TextWriter stdout, TextWriter stderr, WippyRuntimeOptions options, CancellationToken stop,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices) =>
        Run(args, manifest, stdout, stderr, options, stop, configureServices, stdin: null);

    /// <summary>
    /// The one implementation of the overloads above; <paramref name="stdin"/> opens what a command's guest reads as its
    /// stdin (the console's for the console overloads; null: an empty stdin).
    /// </summary>
    internal static int Run(string[] args, RegistryManifest manifest, TextWriter stdout, TextWriter stderr, WippyRuntimeOptions options, CancellationToken stop,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices, Func<Stream>? stdin)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(manifest);
        var root = Commands.Create(manifest, stdout, stderr, options, stop, configureServices, stdin);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine(error.Message);
            stderr.WriteLine("Run with --help for the commands.");
            return 2;
        }
        // No termination handler of System.CommandLine: run has the generic host's, and the other commands need none.
        return parsed.Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null });
    }

    /// <summary>Prints one line per entry: id, kind, export and pool.</summary>
    internal static void ListEntries(RegistryManifest manifest, TextWriter stdout)
    {
        var rows = manifest.Entries.Select(e => e switch
        {
            FunctionDescriptor f => (e.Id, e.Kind, f.Component?.Method ?? f.Export, f.Pool.Type.ToString().ToLowerInvariant()),
            LuaFunctionDescriptor l => (e.Id, e.Kind, l.Method, l.Pool.Type.ToString().ToLowerInvariant()),
            _ => (e.Id, e.Kind, "", ""),
        }).ToList();
        var idWidth = Math.Max(2, rows.Max(r => (int?)r.Id.Length) ?? 0);
        var kindWidth = Math.Max(4, rows.Max(r => (int?)r.Kind.Length) ?? 0);
        var methodWidth = Math.Max(6, rows.Max(r => (int?)r.Item3.Length) ?? 0);
        stdout.WriteLine($"{"ID".PadRight(idWidth)}  {"KIND".PadRight(kindWidth)}  {"METHOD".PadRight(methodWidth)}  POOL");
        foreach (var (id, kind, method, pool) in rows)
        {
            stdout.WriteLine($"{id.PadRight(idWidth)}  {kind.PadRight(kindWidth)}  {method.PadRight(methodWidth)}  {pool}".TrimEnd());
        }
    }
}
