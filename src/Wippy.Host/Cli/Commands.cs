using System.CommandLine;
using Wippy.Host.Registry;

namespace Wippy.Host.Cli;

/// <summary>The commands of <see cref="WippyApp"/>, each bound to its implementation.</summary>
internal static class Commands
{
    public static RootCommand Create(RegistryManifest manifest, TextWriter stdout, TextWriter stderr, WippyRuntimeOptions options, CancellationToken stop,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null, Func<Stream>? stdin = null)
    {
        var serveCall = new System.CommandLine.Option<string[]>("--call")
        {
            Description = "While serving, call a function once every entry has loaded: its id, then one JSON value per WIT parameter (printed as with call). Stopping waits for it up to the host's shutdown timeout, then stops it.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var commandName = new Argument<string?>("command") { Description = "A command of this app (a process.wasm entry's meta.command) to run once, or 'list' to list them. Without it: serve.", Arity = ArgumentArity.ZeroOrOne };
        var commandArgs = new Argument<string[]>("arguments") { Description = "The command's arguments, one per parameter of its method (strings as written; numbers, bools and JSON parsed).", Arity = ArgumentArity.ZeroOrMore };
        var commands = RunCommand.Listing(manifest);
        var run = new Command("run",
            "Start the runtime (every entry loaded, warm_start pools filled) and serve until stopped (Ctrl+C, SIGTERM). The default command. " +
            "With a command name: run that command once and exit with its result; 'run list' lists the commands.")
        {
            serveCall, commandName, commandArgs,
        };
        run.SetAction(parsed => parsed.GetValue(commandName) switch
        {
            null => ServeCommand.Run(manifest, stdout, stderr, options, stop, configureServices, parsed.GetValue(serveCall)),
            "list" => RunCommand.List(manifest, stdout),
            var name => WithAppServices(options, configureServices, o => RunCommand.Run(manifest, name, parsed.GetValue(commandArgs) ?? [], stdout, stderr, o, stop, stdin?.Invoke())),
        });

        var list = new Command("list", "List the registry's entries: id, kind, method and pool.");
        list.SetAction(_ =>
        {
            WippyApp.ListEntries(manifest, stdout);
            return 0;
        });

        var callId = new Argument<string>("entry-id") { Description = "The function to call, e.g. myns:compute." };
        var callArgs = new Argument<string[]>("json-argument") { Description = "One JSON value per WIT parameter, e.g. 6 7 or '\"Wippy\"'.", Arity = ArgumentArity.ZeroOrMore };
        var call = new Command("call", "Call a function (WebAssembly or Lua) and print its result as JSON.") { callId, callArgs };
        call.SetAction(parsed => WithAppServices(options, configureServices, o =>
        {
            using var runtime = new WippyRuntime(manifest, o);
            var trigger = new Triggers.CommandLineCall(parsed.GetValue(callId)!, parsed.GetValue(callArgs) ?? [], stdout, stderr);
            trigger.RunAsync(runtime, stop).GetAwaiter().GetResult(); // completes synchronously: one call on this thread
            return trigger.ExitCode;
        }));

        var witId = new Argument<string>("entry-id") { Description = "The function whose WIT signature to print." };
        var wit = new Command("wit", "Print a function's WIT signature (what its typed proxy and its JSON and Lua binders were generated from).") { witId };
        wit.SetAction(parsed => WitCommand.Run(manifest, parsed.GetValue(witId)!, stdout, stderr));

        var check = new Command("check", "Load every function entry (hash checks, compilation, linking, Lua sources) and print a table of entries with their state and load time; exit 1 if any failed.");
        check.SetAction(_ => WithAppServices(options, configureServices, o => CheckCommand.Run(manifest, stdout, o)));

        var root = new RootCommand("A Wippy app: WebAssembly and Lua functions declared in _index.yaml registries.\n" + WippyApp.ExitCodes + (commands.Length == 0 ? "" : "\n\n" + commands.TrimEnd()))
        {
            run, list, call, wit, check,
        };
        root.SetAction(_ => ServeCommand.Run(manifest, stdout, stderr, options, stop, configureServices));
        return root;
    }

    /// <summary>
    /// Runs a command that makes its own runtime (call, check, run of a command) with the services
    /// <paramref name="configureServices"/> adds (the C# implementations of components' imports), as <c>run</c>'s host
    /// has them; options that already carry services keep theirs.
    /// </summary>
    private static int WithAppServices(WippyRuntimeOptions options, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices, Func<WippyRuntimeOptions, int> command)
    {
        if (configureServices is null || options.Services is not null) return command(options);
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        configureServices(services);
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        return command(options.WithServices(provider));
    }
}
