using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Tests.Imports;
using Wippy.Host.Tests.Limits;
using Wippy.Host.Tests.Support;
using Wippy.Security;

namespace Wippy.Host.Tests.Loading;

/// <summary>The caller's security context (docs/runtime.md#security-context): asked of the policy before a call, inherited by nested calls.</summary>
public sealed class SecurityContextTests : IDisposable
{
    /// <summary>Denies mallory everything, and alice the entry limits:grow_capped; records what it was asked.</summary>
    private sealed class Policy : ICallPolicy
    {
        public readonly List<(string? Actor, string Permission, string Resource)> Asked = [];

        public PolicyDecision Check(CallContext context, string permission, string resource)
        {
            lock (Asked) Asked.Add((context.Actor?.Id, permission, resource));
            if (context.Actor?.Id == "mallory") return PolicyDecision.Deny("mallory is blocked");
            if (context.Actor?.Id == "alice" && resource == "limits:grow_capped") return PolicyDecision.Deny("not for alice");
            return PolicyDecision.Allow;
        }
    }

    /// <summary>host.add that records the context it runs in, and makes a nested call with it.</summary>
    private sealed class Host(Func<WippyRuntime> runtime) : IMinimalHost
    {
        public CallContext? SeenContext;
        public bool CallNested;

        public int Add(int a, int b)
        {
            SeenContext = CallContext.Current;
            if (CallNested) new LimitsFunctions(runtime()).GrowCapped(0);
            return a + b;
        }
    }

    private readonly Policy _policy = new();
    private readonly Host _host;
    private readonly WippyRuntime _runtime;
    private readonly ImportsFunctions _imports;

    public SecurityContextTests()
    {
        _host = new Host(() => _runtime!);
        var services = new ServiceCollection().AddSingleton<IMinimalHost>(_host).BuildServiceProvider();
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services, Policy = _policy });
        _imports = new ImportsFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_denied_actor_gets_permission_denied_and_nothing_runs()
    {
        using (CallContext.Enter(new CallContext(new Actor("mallory"))))
        {
            var error = Assert.Throws<WippyException>(() => _imports.Run(1));
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
            Assert.Equal("imports:run: actor 'mallory' may not call this entry (funcs.call): mallory is blocked", error.Message);
        }
        Assert.Null(_host.SeenContext); // the guest never ran
        Assert.Contains(("mallory", Permissions.FuncsCall, "imports:run"), _policy.Asked);
    }

    [Fact]
    public void An_allowed_actor_runs_and_an_import_implementation_sees_the_callers_context()
    {
        var context = new CallContext(new Actor("bob", new Dictionary<string, string> { ["role"] = "admin" }), ["reports"])
            .WithValue("request-id", "r-42");
        using (CallContext.Enter(context))
        {
            Assert.Equal(12, _imports.Run(5));
        }
        Assert.Same(context, _host.SeenContext);
        Assert.Equal("admin", _host.SeenContext!.Actor!.Metadata!["role"]);
        Assert.Equal("r-42", _host.SeenContext.Values["request-id"]);
        Assert.Same(CallContext.Empty, CallContext.Current); // restored after the scope
    }

    [Fact]
    public void A_nested_call_from_an_import_inherits_the_context_and_is_checked_with_it()
    {
        _host.CallNested = true;
        using (CallContext.Enter(new CallContext(new Actor("carol"))))
        {
            Assert.Equal(12, _imports.Run(5)); // carol may call the nested entry
        }
        Assert.Contains(("carol", Permissions.FuncsCall, "limits:grow_capped"), _policy.Asked);

        using (CallContext.Enter(new CallContext(new Actor("alice"))))
        {
            var error = Assert.Throws<WippyException>(() => _imports.Run(5));
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
            Assert.Equal("imports:run: limits:grow_capped: actor 'alice' may not call this entry (funcs.call): not for alice", error.Message);
        }
    }

    [Fact]
    public async Task The_context_flows_into_async_calls()
    {
        using (CallContext.Enter(new CallContext(new Actor("mallory"))))
        {
            await Task.Yield();
            var error = await Assert.ThrowsAsync<WippyException>(async () => await _imports.RunAsync(1));
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        }
        Assert.Equal(12, await _imports.RunAsync(5)); // anonymous: allowed
        Assert.Contains(((string?)null, Permissions.FuncsCall, "imports:run"), _policy.Asked);
    }
}
