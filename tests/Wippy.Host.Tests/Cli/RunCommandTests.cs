using Wippy.Host.Cli;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Cli;

/// <summary>
/// <c>run &lt;name&gt; [args…]</c> with the commands of the test registry's namespace <c>commands</c>
/// (process.wasm entries over tests/guests/abi/abi.wasm): one per rule turning a result into output and exit code.
/// </summary>
public sealed class RunCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = WippyApp.Run(args, WippyRegistry.CreateManifest(), stdout, stderr, new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData(7, "exit-code", "7")]       // an integer is the exit code
    [InlineData(0, "flag", "true")]         // true exits 0…
    [InlineData(1, "flag", "false")]        // …false 1
    public void A_number_or_bool_is_the_exit_code(int exit, params string[] args) =>
        Assert.Equal((exit, "", ""), Run(["run", .. args]));

    [Fact]
    public void A_result_is_ok_as_its_value_and_err_on_stderr_with_exit_1()
    {
        Assert.Equal((3, "", ""), Run("run", "outcome", "{\"ok\": 3}"));
        Assert.Equal((1, "", "went wrong\n"), Run("run", "outcome", "{\"err\": \"went wrong\"}"));
    }

    [Fact]
    public void A_list_of_strings_takes_every_argument_and_other_values_print_as_JSON()
    {
        Assert.Equal((0, "[\"a\",\"b c\",\"d\"]\n", ""), Run("run", "words", "a", "b c", "d"));
        Assert.Equal((0, "[]\n", ""), Run("run", "words"));
        var (exit, output, error) = Run("run", "person", "Ann", "30");
        Assert.Equal((0, ""), (exit, error));
        Assert.StartsWith("{\"name\":\"Ann\",\"age\":30,", output);
    }

    [Fact]
    public void An_argument_that_is_not_JSON_is_taken_as_text_for_an_enum()
    {
        Assert.Equal((0, "green\n", ""), Run("run", "color", "green")); // an enum's JSON is its case's name: printed as text
    }

    [Fact]
    public void A_value_that_does_not_fit_its_type_is_the_binders_Invalid_error()
    {
        var (exit, output, error) = Run("run", "exit-code", "banana");

        Assert.Equal((1, ""), (exit, output));
        Assert.StartsWith("Invalid: commands:exit_code: ", error);
    }

    [Theory]
    [InlineData(new string[0], "Hello, World!\n")]
    [InlineData(new[] { "a", "b c" }, "Hello, a b c!\n")]
    public void A_wasi_cli_run_component_gets_the_arguments_as_argv_and_writes_to_the_terminal(string[] args, string greeting)
    {
        Assert.Equal((0, greeting, ""), Run(["run", "greet-cli", .. args]));
    }

    [Theory]
    [InlineData("--exit", "0", 0, "exiting with 0\n")]
    [InlineData("--exit", "3", 1, "exiting with 3\n")] // the preview1 adapter passes only ok or err to wasi:cli/exit
    [InlineData("--fail", "x", 1, "failing\n")]          // main returning 1: the adapter exits with err
    public void A_wasi_cli_command_exits_with_its_status(string flag, string value, int exit, string stderr)
    {
        Assert.Equal((exit, "", stderr), Run("run", "greet-cli", flag, value));
    }

    [Fact]
    public void A_stopped_command_exits_130()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel(); // Ctrl+C before the guest even ran
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = WippyApp.Run(["run", "greet-cli"], WippyRegistry.CreateManifest(), stdout, stderr,
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry }, stop.Token);

        Assert.Equal((130, "commands:greeter: the command was stopped\n"), (exit, stderr.ToString()));
    }

    [Fact]
    public void A_wasi_command_reads_its_stdin_from_the_terminal()
    {
        var stdout = new StringWriter();
        var input = new MemoryStream(new byte[10_000]);

        var exit = WippyApp.Run(["run", "greet-cli", "--stdin", "x"], WippyRegistry.CreateManifest(), stdout, new StringWriter(),
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry }, CancellationToken.None, null, () => input);

        Assert.Equal((0, "read 10000 bytes\n"), (exit, stdout.ToString()));
    }

    [Fact]
    public async Task A_wasi_command_waiting_for_its_stdin_stops_at_ctrl_c()
    {
        // greet-cli is planned (its WASI served at core level), so its blocking read waits on the process's thread; the
        // stop must still end it. The pipe is never written: the read waits until the stop. Run several times: a spawn
        // used to start the process on the spawner's own thread now and then (a race with the thread pool), and then
        // the command never got as far as hearing Ctrl+C.
        using (var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry }))
        {
            Assert.Equal("a planned component", Assert.IsType<Wippy.Host.Execution.CoreModuleExecution>(runtime.GetWasmFunction("commands:greeter").Execution).Mode);
        }
        var manifest = WippyRegistry.CreateManifest();
        for (var i = 0; i < 20; i++)
        {
            using var stop = new CancellationTokenSource();
            using var writer = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
            using var reader = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, writer.ClientSafePipeHandle);
            var stdin = new FirstReadSignal(reader);
            var stderr = new StringWriter();
            var run = Task.Run(() => WippyApp.Run(["run", "greet-cli", "--stdin", "x"], manifest, new StringWriter(), stderr,
                new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry }, stop.Token, null, () => stdin));
            Assert.True(stdin.Reading.Wait(TimeSpan.FromSeconds(60)), "the command never read its stdin");
            stop.Cancel();
            var exit = await run.WaitAsync(TimeSpan.FromSeconds(60)); // a TimeoutException when the command does not stop
            Assert.Equal((130, "commands:greeter: the command was stopped\n"), (exit, stderr.ToString()));
        }
    }

    /// <summary>A stream whose first read sets <see cref="Reading"/>; reads go to the inner stream.</summary>
    private sealed class FirstReadSignal(Stream inner) : Stream
    {
        public ManualResetEventSlim Reading { get; } = new();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Reading.Set();
            return inner.Read(buffer, offset, count);
        }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reading.Set();
            return inner.ReadAsync(buffer, cancellationToken);
        }
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void A_command_is_a_process_with_a_mailbox_of_its_own()
    {
        var (exit, output, error) = Run("run", "whoami");
        Assert.Equal((0, ""), (exit, error));
        Assert.Matches(@"^\{local@local\|0x[0-9a-f]{5,}\}\n$", output);
    }
}
