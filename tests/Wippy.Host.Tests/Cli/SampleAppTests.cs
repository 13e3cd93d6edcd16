using Wippy.Host.Cli;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Cli;

/// <summary>The sample app's command line, run in-process against the sample's registry (its generated manifest).</summary>
public sealed class SampleAppTests(ITestOutputHelper log)
{
    private static (int Exit, string Out, string Err) RunIn(string registryRoot, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = WippyApp.Run(args, Wippy.Samples.Registry.WippyRegistry.CreateManifest(), stdout, stderr, new WippyRuntimeOptions { RegistryRoot = registryRoot });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => RunIn(RepoPaths.SampleRegistry, args);

    [Theory]
    [InlineData("myns:answer")]
    [InlineData("myns:answer_file")]
    public void Answer_prints_42(string id) => Assert.Equal((0, "42\n", ""), Run("call", id));

    [Fact]
    public void Compute_multiplies() => Assert.Equal((0, "42\n", ""), Run("call", "myns:compute", "6", "7"));

    [Fact]
    public void Greet_prints_a_json_string() => Assert.Equal((0, "\"Hello, Wippy!\"\n", ""), Run("call", "myns:greet", "\"Wippy\""));

    [Fact]
    public void Greet_keeps_unicode()
    {
        // Characters outside the BMP come out as JSON escapes (System.Text.Json's writer); the value is exact.
        var (exit, output, _) = Run("call", "myns:greet", "\"Zoë 😀\"");
        Assert.Equal(0, exit);
        Assert.Equal("Hello, Zoë 😀!", System.Text.Json.JsonDocument.Parse(output).RootElement.GetString());
    }

    private const string SeedUsers =
        """[{"id":1,"name":"Alice","tags":["admin","dev"],"active":true},{"id":2,"name":"Bob","tags":["user"],"active":false},{"id":3,"name":"Carol","tags":["dev"],"active":true}]""";

    [Fact]
    public void Transform_users_prints_three_user_outputs() =>
        Assert.Equal((0, """[{"id":1,"display":"Alice [admin, dev]","tag-count":2},{"id":2,"display":"Bob [user]","tag-count":1},{"id":3,"display":"Carol [dev]","tag-count":1}]""" + "\n", ""),
            Run("call", "myns:transform_users", SeedUsers));

    [Fact]
    public void Filter_active_prints_alice_and_carol() =>
        Assert.Equal((0, """[{"id":1,"display":"Alice [admin, dev]","tag-count":2},{"id":3,"display":"Carol [dev]","tag-count":1}]""" + "\n", ""),
            Run("call", "myns:filter_active", SeedUsers));

    [Fact]
    public void Aggregate_tags_prints_the_sorted_distinct_tags() =>
        Assert.Equal((0, """["admin","dev","user"]""" + "\n", ""), Run("call", "myns:aggregate_tags", SeedUsers));

    [Fact]
    public void Lua_pipeline_prints_the_transformed_and_the_active_users() =>
        Assert.Equal((0, """{"active":[{"display":"Alice [admin, dev]","id":1,"tag-count":2},{"display":"Carol [dev]","id":3,"tag-count":1}],"transformed":[{"display":"Alice [admin, dev]","id":1,"tag-count":2},{"display":"Bob [user]","id":2,"tag-count":1},{"display":"Carol [dev]","id":3,"tag-count":1}]}""" + "\n", ""),
            Run("call", "myns:lua_pipeline"));

    [Fact]
    public void Read_config_prints_the_variable_and_the_mounted_file() =>
        Assert.Equal((0, "\"hello from a mounted file\"\n", ""), Run("call", "myns:read_config"));

    [Fact]
    public void Transform_users_names_the_path_of_a_bad_field()
    {
        var (exit, _, error) = Run("call", "myns:transform_users", """[{"id":1,"name":"A","tags":["x",5],"active":true}]""");
        Assert.Equal(1, exit);
        Assert.Contains("users[0].tags[1]", error);
    }

    [Fact]
    public void Spin_times_out_at_its_limit_within_a_second()
    {
        // The first run in a process JIT-compiles the app's whole path (the command line, the runtime, Wasmtime's
        // binding): on a loaded 2-core machine that alone took a second. It is a warm-up, not measured.
        Assert.Equal(1, Run("call", "myns:spin").Exit);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (exit, stdout, error) = Run("call", "myns:spin");
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        log.WriteLine($"the measured run took {elapsed.TotalMilliseconds:0} ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(1));
        Assert.Equal((1, ""), (exit, stdout));
        Assert.StartsWith("Timeout: myns:spin: the call ran longer than its limit of 200 ms (limits.max_execution_ms)", error);
    }

    [Fact]
    public void List_prints_every_entry()
    {
        var (exit, output, _) = Run("list");
        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(["ID", "KIND", "METHOD", "POOL"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["myns:compute", "function.wasm", "compute", "lazy"], lines.Single(l => l.StartsWith("myns:compute ")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["myns:answer", "function.wat", "answer", "inline"], lines.Single(l => l.StartsWith("myns:answer ")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["myns:assets", "fs.embed"], lines.Single(l => l.StartsWith("myns:assets ")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["myns:transform_users", "function.wasm", "transform-users", "lazy"], lines.Single(l => l.StartsWith("myns:transform_users ")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["myns:read_config", "function.wasm", "read-config", "lazy"], lines.Single(l => l.StartsWith("myns:read_config ")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["myns:lua_pipeline", "function.lua", "run", "lazy"], lines.Single(l => l.StartsWith("myns:lua_pipeline ")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["myns:greet_endpoint", "http.endpoint"], lines.Single(l => l.StartsWith("myns:greet_endpoint ")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["myns:site", "function.wasm", "wasi:http/incoming-handler@0.2.0#handle", "inline"], lines.Single(l => l.StartsWith("myns:site ")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["myns:hello_command", "process.wasm", "greet", "inline"], lines.Single(l => l.StartsWith("myns:hello_command ")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(29, lines.Length); // the header and 28 entries
    }

    [Fact]
    public void Run_with_a_command_name_runs_the_command_and_prints_its_string()
    {
        var (exit, output, error) = Run("run", "hello", "World");
        Assert.Equal((0, "Hello, World!\n", ""), (exit, output, error));
    }

    [Fact]
    public void Run_list_and_help_list_the_commands_with_their_short()
    {
        var (exit, output, _) = Run("run", "list");
        Assert.Equal(0, exit);
        Assert.Equal("Commands of this app (run <name> [args…]):\n  hello  Print a greeting  (myns:hello_command)\n", output);
        Assert.Contains("hello  Print a greeting  (myns:hello_command)", Run("--help").Out);
    }

    [Theory]
    [InlineData("myns:hello_command: expected 1 argument(s) (name: string), got 0 argument(s). Run with --help for usage.", "run", "hello")]
    [InlineData("myns:hello_command: expected 1 argument(s) (name: string), got 2 argument(s). Run with --help for usage.", "run", "hello", "a", "b")]
    [InlineData("no command 'nope'; the commands are: hello. Run with --help for usage.", "run", "nope")]
    public void A_command_used_wrongly_is_a_usage_error(string message, params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal((2, "", message + "\n"), (exit, output, error));
    }

    [Fact]
    public void Lua_spawns_the_counter_process_counts_to_five_and_stops_it()
    {
        Assert.Equal((0, "{\"ended\":\"returned\",\"total\":5}\n", ""), Run("call", "myns:count_to_five"));
    }

    [Fact]
    public void A_process_entry_is_run_not_called()
    {
        var (exit, _, error) = Run("call", "myns:hello_command", "\"Ann\"");
        Assert.Equal(1, exit);
        Assert.Equal("Invalid: myns:hello_command: a process.wasm entry is run, not called: run it as the command 'hello' (<app> run hello [args…]) or spawn it (runtime.Processes)\n", error);
    }

    [Theory]
    [InlineData("Invalid: myns:compute: expected 2 argument(s) (p0: s32, p1: s32), got 1", "call", "myns:compute", "6")]
    [InlineData("Invalid: myns:compute: p1: 9999999999 does not fit in s32", "call", "myns:compute", "6", "9999999999")]
    [InlineData("Invalid: myns:greet: name: expected a string, got a number", "call", "myns:greet", "5")]
    [InlineData("NotFound: myns:nope: no function entry has this id", "call", "myns:nope")]
    public void Errors_go_to_stderr_with_their_kind_and_exit_1(string message, params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(message + "\n", error);
    }

    [Fact]
    public void Argument_that_is_not_json_says_how_to_quote()
    {
        var (exit, _, error) = Run("call", "myns:greet", "Wippy");
        Assert.Equal(1, exit);
        Assert.StartsWith("Invalid: myns:greet: argument 1 is not JSON", error);
        Assert.Contains("'\"Wippy\"'", error);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("wit")]              // a missing argument
    [InlineData("list", "extra")]
    public void Bad_usage_says_what_is_wrong_and_exits_2(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.EndsWith("Run with --help for the commands.\n", error);
    }

    [Fact]
    public void Help_lists_the_commands_and_the_exit_codes()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        foreach (var command in new[] { "run", "list", "call <entry-id> <json-argument>", "wit <entry-id>", "check" })
        {
            Assert.Contains("  " + command + " ", output);
        }
        Assert.Contains(WippyApp.ExitCodes, output);
    }

    [Fact]
    public void Check_loads_every_function_and_prints_a_table()
    {
        var (exit, output, _) = Run("check");
        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        Assert.Equal(["ID", "KIND", "STATE", "LOAD"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^myns:lua_pipeline +function\.lua +loaded +[0-9.]+ ms$", lines.Single(l => l.StartsWith("myns:lua_pipeline ")));
        Assert.Matches(@"^myns:transform_users +function\.wasm +loaded +[0-9.]+ ms$", lines.Single(l => l.StartsWith("myns:transform_users ")));
        Assert.Contains("17 of 17 function entries loaded.", output);
    }

    [Fact]
    public void Check_exits_1_and_says_why_when_an_entry_does_not_load()
    {
        // The test registry has one entry made not to load (sandbox:mounts_nowhere: its mount has no directory).
        var stdout = new StringWriter();
        var exit = WippyApp.Run(["check"], WippyRegistry.CreateManifest(), stdout, new StringWriter(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^sandbox:mounts_nowhere +function\.wasm +FAILED ", stdout.ToString());
        Assert.Contains("Unavailable: sandbox:mounts_nowhere: the entry failed to load: wasi.mounts: the directory of 'sandbox:nowhere'", stdout.ToString());
        // A component whose imported interface nobody implements loads (its import is a stub), and check says so.
        Assert.Matches(@"(?m)^imports:run: nothing implements [\w.]*IMinimalHost \(of test:minimal/host\): calls of add fail with Unavailable; register an implementation in the app's services$", stdout.ToString());
    }

    [Fact]
    public void Wit_prints_the_signature_of_a_function()
    {
        // The types it uses first, then the signature: what a caller needs to write its JSON arguments.
        Assert.Equal((0, "record user-record { id: u32, name: string, tags: list<string>, active: bool }\n" +
            "record user-output { id: u32, display: string, tag-count: u32 }\n" +
            "transform-users: func(users: list<user-record>) -> list<user-output>;\n", ""), Run("wit", "myns:transform_users"));
        Assert.Equal((0, "compute: func(p0: s32, p1: s32) -> s32;\n", ""), Run("wit", "myns:compute"));
        var (exit, _, error) = Run("wit", "myns:lua_pipeline");
        Assert.Equal(1, exit);
        Assert.StartsWith("NotFound: myns:lua_pipeline: this function.lua entry declares no wit: signature", error);
        Assert.Equal((1, "", "Invalid: myns:assets: the entry is a fs.embed, not a function\n"), Run("wit", "myns:assets"));
        Assert.Equal((1, "", "NotFound: myns:nope: no entry has this id\n"), Run("wit", "myns:nope"));
    }

    [Fact]
    public async Task Run_serves_until_stopped()
    {
        using var stop = new CancellationTokenSource();
        var (serving, printed) = Serve(["run"], stop.Token);
        await Eventually.TrueAsync(() => printed().Contains("Serving 17 of 17 functions. Press Ctrl+C to stop.") || serving.IsCompleted, "the app saying it serves");
        Assert.Contains("Serving 17 of 17 functions. Press Ctrl+C to stop.", printed());
        Assert.False(serving.IsCompleted);
        stop.Cancel();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Stopping.", printed());
    }

    [Fact]
    public async Task Run_with_call_makes_the_call_while_it_serves()
    {
        using var stop = new CancellationTokenSource();
        var (serving, printed) = Serve(["run", "--call", "myns:compute", "6", "7"], stop.Token);
        await Eventually.TrueAsync(() => (printed().Contains("Serving 17 of 17 functions.") && printed().Contains("42\n")) || serving.IsCompleted, "the app serving and the call's answer");
        Assert.False(serving.IsCompleted);
        stop.Cancel();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("42\n", printed());
    }

    /// <summary>
    /// Runs the sample app with <paramref name="args"/> on a thread of its own until <paramref name="stop"/>; the
    /// function returns what it has printed so far, read under the synchronized writer's lock (it locks on itself):
    /// a StringWriter read while written can throw.
    /// </summary>
    private static (Task<int> Serving, Func<string> Printed) Serve(string[] args, CancellationToken stop)
    {
        var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        var serving = Task.Run(() => WippyApp.Run(args, Wippy.Samples.Registry.WippyRegistry.CreateManifest(), output, new StringWriter(),
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.SampleRegistry }, stop));
        return (serving, () =>
        {
            lock (output) return stdout.ToString();
        });
    }

    [Fact]
    public void Run_with_call_needs_an_entry_id() => Assert.Equal(2, Run("run", "--call").Exit);
}
