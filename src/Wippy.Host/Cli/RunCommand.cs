using System.Text.Json;
using Wippy.Host.Registry;

namespace Wippy.Host.Cli;

/// <summary>
/// <c>run &lt;name&gt; [args…]</c>: runs the <c>process.wasm</c> entry whose <c>meta.command</c> is <c>name</c> once, with
/// the command line's arguments, and turns its result into the program's output and exit code (docs/processes.md#commands):
/// a string is printed, an integer is the exit code, <c>true</c>/<c>false</c> exit 0/1, <c>result</c>'s <c>err</c> goes
/// to stderr with exit 1, any other value is printed as JSON; a failure is <c>Kind: entry: message</c> on stderr, exit 1;
/// a usage mistake (no such command, too few or too many arguments) exits 2. <c>run list</c> lists the commands.
/// </summary>
internal static class RunCommand
{
    /// <summary>The registry's commands, by name.</summary>
    public static IReadOnlyList<FunctionDescriptor> All(RegistryManifest manifest) =>
        manifest.Entries.OfType<FunctionDescriptor>().Where(d => d.Command is not null).OrderBy(d => d.Command!.Name, StringComparer.Ordinal).ToList();

    /// <summary>The commands as lines for <c>run list</c> and <c>--help</c> (empty when there are none).</summary>
    public static string Listing(RegistryManifest manifest)
    {
        var commands = All(manifest);
        if (commands.Count == 0) return "";
        var width = commands.Max(d => d.Command!.Name.Length);
        return "Commands of this app (run <name> [args…]):\n" + string.Concat(commands.Select(d =>
            $"  {d.Command!.Name.PadRight(width)}  {d.Command.Short ?? ""}{(d.Command.Short is null ? "" : "  ")}({d.Id})\n"));
    }

    /// <summary><c>run list</c>.</summary>
    public static int List(RegistryManifest manifest, TextWriter stdout)
    {
        var listing = Listing(manifest);
        stdout.Write(listing.Length == 0 ? "This app has no commands (process.wasm entries with meta.command).\n" : listing);
        return 0;
    }

    /// <summary><c>run &lt;name&gt; [args…]</c>; returns the exit code.</summary>
    public static int Run(RegistryManifest manifest, string name, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, WippyRuntimeOptions options, CancellationToken stop, Stream? stdin = null)
    {
        var descriptor = All(manifest).FirstOrDefault(d => d.Command!.Name == name);
        if (descriptor is null)
        {
            var names = All(manifest).Select(d => d.Command!.Name).ToList();
            stderr.WriteLine($"no command '{name}'; {(names.Count == 0 ? "this app has none" : "the commands are: " + string.Join(", ", names))}. Run with --help for usage.");
            return 2;
        }
        // A wasi:cli/run command takes its arguments through WASI, as a program takes argv; a method takes them as values.
        var cliRun = IsCliRun(descriptor);
        var json = cliRun ? "[]" : CommandArguments.ToJson(descriptor.WitSignature, args);
        if (json is null)
        {
            stderr.WriteLine($"{descriptor.Id}: expected {CommandArguments.Describe(descriptor.WitSignature)}, got {args.Count} argument(s). Run with --help for usage.");
            return 2;
        }

        if (stop.IsCancellationRequested)
        {
            // Stopped before it started (Ctrl+C during start-up): nothing runs, and the exit says so as below. Left to
            // the process host, a quick guest could finish before the stop reached it.
            stderr.WriteLine($"{descriptor.Id}: the command was stopped");
            return 130;
        }
        var runOptions = options.Copy();
        runOptions.CommandTerminal = new CommandTerminal(descriptor.Id, cliRun ? args : [], stdout, stderr, stdin);
        using var runtime = new WippyRuntime(manifest, runOptions);
        // A command is a process like any other (its guest gets a PID and a mailbox); the command line waits for its exit.
        Processes.ProcessExit exit;
        try
        {
            var process = runtime.Processes.SpawnJson(descriptor.Id, json);
            using (stop.Register(() => runtime.Processes.Terminate(process.Pid)))
            {
                exit = process.Exit.GetAwaiter().GetResult();
            }
        }
        catch (WippyException e)
        {
            stderr.WriteLine(e.WithEntry(descriptor.Id).ToString());
            return 1;
        }
        finally
        {
            stdout.Flush();
        }
        if (exit.Error is { ExitCode: { } status })
        {
            // The guest ended its run through wasi:cli/exit: that status is the command's (exit(ok) is 0, exit(err) 1).
            return status;
        }
        if (stop.IsCancellationRequested && exit.Error is not null)
        {
            // Ctrl+C or SIGTERM: the run was stopped, as a shell reports an interrupted program.
            stderr.WriteLine($"{descriptor.Id}: the command was stopped");
            return 130;
        }
        if (exit.Error is { } error)
        {
            stderr.WriteLine(error.ToString());
            return 1;
        }
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        if (exit.Value is JsonElement value)
        {
            using var writer = new Utf8JsonWriter(output);
            value.WriteTo(writer);
        }
        return Report(output.WrittenSpan.ToArray(), stdout, stderr);
    }

    /// <summary>Whether the entry runs the standard <c>wasi:cli/run</c> (a WASI command's <c>run: func() -&gt; result</c>).</summary>
    private static bool IsCliRun(FunctionDescriptor d) => d.Component?.Method is { } method && Wippy.Registry.ProcessDefaults.IsCliRun(method);

    /// <summary>The result (as the JSON binder wrote it) as output and exit code.</summary>
    private static int Report(byte[] result, TextWriter stdout, TextWriter stderr)
    {
        if (result.Length == 0) return 0;
        using var document = JsonDocument.Parse(result);
        var value = document.RootElement;
        if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().ToList() is [var only] && only.Name is "ok" or "err")
        {
            if (only.Name == "err")
            {
                if (only.Value.ValueKind != JsonValueKind.Null)
                {
                    stderr.WriteLine(only.Value.ValueKind == JsonValueKind.String ? only.Value.GetString() : only.Value.GetRawText());
                }
                return 1;
            }
            value = only.Value;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                stdout.WriteLine(value.GetString());
                return 0;
            case JsonValueKind.Number:
                return value.TryGetInt32(out var code) ? code : value.TryGetDouble(out var d) && double.IsFinite(d) && Math.Abs(d) < int.MaxValue ? (int)d : 1;
            case JsonValueKind.True:
                return 0;
            case JsonValueKind.False:
                return 1;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return 0;
            default:
                stdout.WriteLine(value.GetRawText());
                return 0;
        }
    }
}
