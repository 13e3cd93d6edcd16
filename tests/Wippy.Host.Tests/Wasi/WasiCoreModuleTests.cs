using Wippy.Host.Tests.Sandbox;
using Wippy.Host.Tests.Support;
using Wippy.Security;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// WASI preview1 for a core module (tests/guests/wasi/probe-core.wasm: the probe's wasi-libc reactor before it
/// became a component), and the fs.get check of mounts.
/// </summary>
public sealed class WasiCoreModuleTests : IDisposable
{
    /// <summary>Denies eve the fs entry sandbox:data; allows everything else.</summary>
    private sealed class Policy : ICallPolicy
    {
        public readonly List<(string? Actor, string Permission, string Resource)> Asked = [];

        public PolicyDecision Check(CallContext context, string permission, string resource)
        {
            lock (Asked) Asked.Add((context.Actor?.Id, permission, resource));
            return context.Actor?.Id == "eve" && permission == Permissions.FsGet && resource == "sandbox:data"
                ? PolicyDecision.Deny("eve may not see the data")
                : PolicyDecision.Allow;
        }
    }

    private readonly CapturedLogs _logs = new();
    private readonly Policy _policy = new();
    private readonly WippyRuntime _runtime;
    private readonly SandboxFunctions _sandbox;

    public WasiCoreModuleTests()
    {
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = _logs, Policy = _policy });
        _sandbox = new SandboxFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_core_module_gets_preview1_when_its_entry_declares_it()
    {
        Assert.Equal("hello", _sandbox.CoreGetEnv("GREETING"));
        Assert.Null(_sandbox.CoreGetEnv("SECRET"));
        Assert.Equal("hello from data\n", _sandbox.CoreReadFile("/data/hello.txt").Value);
        Assert.Equal("hello from data\n", _sandbox.CoreReadFile("hello.txt").Value); // cwd: /data
        Assert.False(_sandbox.CoreReadFile("/data/../_index.yaml").IsOk);
        Assert.False(_sandbox.CoreWriteFile("/data/new.txt", "x").IsOk);
        Assert.False(File.Exists(Path.Combine(RepoPaths.TestRegistry, "sandbox", "data", "new.txt")));
    }

    [Fact]
    public void A_preview1_function_outside_the_declared_groups_is_permission_denied()
    {
        var error = Assert.Throws<WippyException>(() => _sandbox.CoreRandomDenied(8));
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("sandbox:core_random_denied", error.EntryId);
        Assert.Contains("wasi_snapshot_preview1.random_get", error.Message);
        Assert.Contains("'- wasi:random'", error.Message);

        Assert.Equal(16, _sandbox.CoreRandom(16).Length); // wasi:random grants random_get
        Assert.Throws<WippyException>(() => _sandbox.CoreRandomDenied(8)); // and the denied entry still answers
    }

    [Fact]
    public void A_denied_wasi_call_while_the_guest_starts_fails_the_call_with_permission_denied()
    {
        var error = Assert.Throws<WippyException>(() => _sandbox.StartDenied());
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("sandbox:start_denied", error.EntryId);
        Assert.Contains("while it started", error.Message);
        Assert.Contains("wasi_snapshot_preview1.random_get", error.Message);
        Assert.Equal(1, _sandbox.StartGranted());
        Assert.Throws<WippyException>(() => _sandbox.StartDenied()); // every new instance fails the same way
    }

    [Fact]
    public void Core_module_output_is_logged()
    {
        _sandbox.CorePrint("from the core module\npartial", "");
        Assert.Equal(
            ["[sandbox:core_print stdout] from the core module", "[sandbox:core_print stdout] partial"],
            _logs.Messages("Wippy.Guest.sandbox:core_print", 10));
    }

    [Fact]
    public void The_policy_is_asked_for_every_mounted_fs_entry_and_a_denial_runs_nothing()
    {
        using (CallContext.Enter(new CallContext(new Actor("eve"))))
        {
            var error = Assert.Throws<WippyException>(() => _sandbox.CoreReadFile("/data/hello.txt"));
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
            Assert.Contains("sandbox:data", error.Message);
            Assert.Contains("fs.get", error.Message);
            Assert.Contains("eve may not see the data", error.Message);
            // Entries that mount nothing are not affected.
            Assert.Equal(4, _sandbox.CoreRandom(4).Length);
        }
        using (CallContext.Enter(new CallContext(new Actor("bob"))))
        {
            Assert.Equal("hello from data\n", _sandbox.CoreReadFile("/data/hello.txt").Value);
        }
        lock (_policy.Asked)
        {
            Assert.Contains(("bob", Permissions.FuncsCall, "sandbox:core_read_file"), _policy.Asked);
            Assert.Contains(("bob", Permissions.FsGet, "sandbox:data"), _policy.Asked);
            Assert.Contains(("bob", Permissions.FsGet, "sandbox:scratch"), _policy.Asked);
        }
    }

    [Fact]
    public void A_core_module_that_exits_fails_the_call_as_a_trap_naming_its_status()
    {
        var exited = Assert.Throws<WippyException>(() => _sandbox.CoreFsOp("exit", "7", ""));
        Assert.Equal(ErrorKind.Trap, exited.Kind);
        Assert.Equal("sandbox:core_fs_op", exited.EntryId);
        Assert.Contains("the guest exited with status 7", exited.Message); // preview1's proc_exit keeps the code
        Assert.Equal(7, exited.ExitCode);
        // The next call runs on a new instance (nothing is mounted for this entry: the stat fails, but it answers).
        Assert.StartsWith("errno ", _sandbox.CoreFsOp("stat", "/nowhere", "").Error);
    }
}
