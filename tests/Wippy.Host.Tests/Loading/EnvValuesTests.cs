using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>env.variable values looked up in env.storage.* entries (docs/runtime.md#environment-values), through the generated manifest.</summary>
public sealed class EnvValuesTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly WippyRuntime _runtime;

    public EnvValuesTests()
    {
        // A copy of the registry's env folder, so tests that write the .env file do not touch the repository.
        Directory.CreateDirectory(Path.Combine(_root.Path, "env"));
        File.Copy(RepoPaths.Combine("tests", "Wippy.Host.Tests", "registry", "env", "test.env"), Path.Combine(_root.Path, "env", "test.env"));
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = _root.Path, CacheDirectory = null });
    }

    public void Dispose()
    {
        _runtime.Dispose();
        _root.Dispose();
    }

    [Fact]
    public void Static_values_defaults_and_empty_values()
    {
        Assert.Equal("hello", _runtime.Env.Get("env:greeting"));
        Assert.Equal("", _runtime.Env.Get("env:empty"));
        Assert.Equal("fallback", _runtime.Env.Get("env:missing"));
    }

    [Fact]
    public void The_process_environment_is_read_each_time()
    {
        Environment.SetEnvironmentVariable("WIPPY_TEST_FROM_OS", "one");
        Assert.Equal("one", _runtime.Env.Get("env:from_os"));
        Environment.SetEnvironmentVariable("WIPPY_TEST_FROM_OS", "two");
        Assert.Equal("two", _runtime.Env.Get("env:from_os"));
        Environment.SetEnvironmentVariable("WIPPY_TEST_PLAIN", "plain");
        Assert.Equal("plain", _runtime.Env.Get("env:WIPPY_TEST_PLAIN")); // no storage: the process environment
    }

    [Fact]
    public void A_dotenv_file_is_parsed_and_written_back()
    {
        Assert.Equal("quoted value", _runtime.Env.Get("env:from_file"));
        _runtime.Env.Set("env:from_file", "new \"value\"\nwith a line");
        Assert.Equal("new \"value\"\nwith a line", _runtime.Env.Get("env:from_file"));
        var text = File.ReadAllText(Path.Combine(_root.Path, "env", "test.env"));
        Assert.Contains("# a comment", text); // other lines are kept
        Assert.Contains("FROM_FILE=\"new \\\"value\\\"\\nwith a line\"", text);
    }

    [Fact]
    public async Task A_fifo_in_place_of_the_dotenv_file_fails_the_lookup_at_once_instead_of_blocking()
    {
        var file = Path.Combine(_root.Path, "env", "test.env");
        File.Delete(file);
        UnixFaults.MakeFifo(file);
        try
        {
            var lookup = Task.Run(() => _runtime.Env.Get("env:from_file"));
            var error = await Assert.ThrowsAsync<WippyException>(() => lookup.WaitAsync(Eventually.Deadline));
            Assert.Equal(ErrorKind.Unavailable, error.Kind);
            Assert.Contains("is not a regular file but a FIFO", error.Message);
            Assert.Equal("hello", _runtime.Env.Get("env:greeting")); // other storages answer
        }
        finally
        {
            UnixFaults.ReleaseFifoReaders(file);
        }
    }

    [Fact]
    public void The_dotenv_format()
    {
        var values = Wippy.Host.Env.DotEnv.Parse(File.ReadAllText(RepoPaths.Combine("tests", "Wippy.Host.Tests", "registry", "env", "test.env")));
        Assert.Equal("quoted value", values["FROM_FILE"]);
        Assert.Equal("plain", values["EXPORTED"]); // export prefix and trailing comment
        Assert.Equal("line1\nline2 \"q\" back\\slash", values["ESCAPED"]);
        Assert.Equal(4, values.Count); // comment lines set nothing
        Assert.Equal("a\\nb", Wippy.Host.Env.DotEnv.Parse("X=\"a\\\\nb\"")["X"]); // an escaped backslash before n
    }

    [Fact]
    public void A_router_asks_its_storages_in_order_and_writes_to_the_first_writable()
    {
        Assert.Equal("from-file", _runtime.Env.Get("env:routed")); // memory has nothing yet, the file has GREETING
        _runtime.Env.Set("env:routed", "from-memory");
        Assert.Equal("from-memory", _runtime.Env.Get("env:routed"));
        Assert.Equal("hello", _runtime.Env.Get("env:greeting")); // the static storage is unchanged
    }

    [Fact]
    public void Readonly_static_and_unknown_variables_are_refused()
    {
        Assert.Equal(ErrorKind.PermissionDenied, Assert.Throws<WippyException>(() => _runtime.Env.Set("env:greeting", "x")).Kind);
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<WippyException>(() => _runtime.Env.Set("env:empty", "x")).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<WippyException>(() => _runtime.Env.Get("env:nope")).Kind);
    }
}
