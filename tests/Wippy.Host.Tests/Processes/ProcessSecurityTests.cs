using Wippy.Host.Processes;
using Wippy.Host.Tests.Support;
using Wippy.Security;

namespace Wippy.Host.Tests.Processes;

/// <summary>
/// The caller's security context and processes: a spawn is checked with the caller's context, the process inherits
/// it, and its sends are checked with it (plus its PID as <c>process.pid</c>), whatever thread resumes its guest.
/// </summary>
[Collection(EndToEnd.NotInParallel.Name)]
public sealed class ProcessSecurityTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Denies mallory everything, eve sending to anyone, and records what it was asked.</summary>
    private sealed class Policy : ICallPolicy
    {
        public readonly List<(string? Actor, string Permission, string Resource, object? Pid)> Asked = [];

        public PolicyDecision Check(CallContext context, string permission, string resource)
        {
            lock (Asked) Asked.Add((context.Actor?.Id, permission, resource, context.Values.GetValueOrDefault(ProcessPermissions.PidValue)));
            if (context.Actor?.Id == "mallory") return PolicyDecision.Deny("mallory is blocked");
            if (context.Actor?.Id == "eve" && permission == ProcessPermissions.Send) return PolicyDecision.Deny("eve may not send");
            return PolicyDecision.Allow;
        }
    }

    private readonly Policy _policy = new();
    private readonly WippyRuntime _runtime;
    private readonly ProcessesFunctions _processes;

    public ProcessSecurityTests()
    {
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Policy = _policy });
        _processes = new ProcessesFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_denied_spawn_fails_before_anything_runs()
    {
        using (CallContext.Enter(new CallContext(new Actor("mallory"))))
        {
            var error = Assert.Throws<WippyException>(() => _processes.SpawnCounter());
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
            Assert.Contains("actor 'mallory' may not process.spawn 'processes:counter': mallory is blocked", error.Message);
            var json = Assert.Throws<WippyException>(() => _runtime.Processes.SpawnJson("processes:greet", """["x"]"""));
            Assert.Equal(ErrorKind.PermissionDenied, json.Kind);
        }
        Assert.Equal(0, _runtime.Processes.Count);
        Assert.DoesNotContain(_policy.Asked, a => a.Permission == Permissions.FuncsCall); // a spawn is not a call
    }

    [Fact]
    public async Task A_process_inherits_its_spawners_context_and_its_sends_are_checked_with_it()
    {
        using var me = _runtime.Processes.OpenMailbox();
        ProcessHandle<Result<bool, string>> send;
        using (CallContext.Enter(new CallContext(new Actor("eve"))))
        {
            send = _processes.SpawnSendRaw(me.Pid, "hello", "text", "x"u8.ToArray());
        }
        var result = await send.Result.WaitAsync(Wait);
        Assert.Equal("denied", result.Error);
        Assert.Equal(0, me.Count);
        lock (_policy.Asked)
        {
            Assert.Contains(("eve", ProcessPermissions.Spawn, "processes:send_raw", (object?)null), _policy.Asked);
            Assert.Contains(("eve", ProcessPermissions.Host, "local", (object?)null), _policy.Asked);
            Assert.Contains(("eve", ProcessPermissions.Send, me.Pid, (object?)send.Pid), _policy.Asked);
        }

        // The same guest under alice gets through.
        using (CallContext.Enter(new CallContext(new Actor("alice"))))
        {
            send = _processes.SpawnSendRaw(me.Pid, "hello", "text", "x"u8.ToArray());
        }
        Assert.True((await send.Result.WaitAsync(Wait)).Value);
        Assert.Equal("hello", (await me.ReceiveAsync(Wait)).Topic);
    }

    [Fact]
    public void A_denied_send_from_CSharp_is_PermissionDenied_and_TrySend_says_Denied()
    {
        using var target = _runtime.Processes.OpenMailbox();
        using (CallContext.Enter(new CallContext(new Actor("eve"))))
        {
            using var eve = _runtime.Processes.OpenMailbox();
            Assert.Equal(SendOutcome.Denied, eve.TrySend(target.Pid, "x"));
            var error = Assert.Throws<WippyException>(() => eve.Send(target.Pid, "x"));
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
            Assert.Contains("eve may not send", error.Message);
        }
        Assert.Equal(0, target.Count);
    }

    [Fact]
    public async Task Stop_and_terminate_are_checked()
    {
        var counter = _processes.SpawnCounter();
        using (CallContext.Enter(new CallContext(new Actor("mallory"))))
        {
            Assert.Equal(ErrorKind.PermissionDenied, Assert.Throws<WippyException>(() => _runtime.Processes.Terminate(counter.Pid)).Kind);
            Assert.Equal(ErrorKind.PermissionDenied, (await Assert.ThrowsAsync<WippyException>(() => _runtime.Processes.StopAsync(counter.Pid))).Kind);
            using var mailbox = _runtime.Processes.OpenMailbox();
            Assert.Equal(ErrorKind.PermissionDenied, Assert.Throws<WippyException>(() => mailbox.Monitor(counter.Pid)).Kind);
        }
        Assert.True(_runtime.Processes.IsAlive(counter.Pid));
        Assert.True(_runtime.Processes.Terminate(counter.Pid));
    }
}
