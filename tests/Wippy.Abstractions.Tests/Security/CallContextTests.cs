using Wippy.Security;

namespace Wippy.Abstractions.Tests.Security;

public sealed class CallContextTests
{
    [Fact]
    public void With_methods_return_changed_copies()
    {
        var a = new CallContext(new Actor("a"), ["s1"]).WithValue("k", 1);
        var b = a.WithActor(new Actor("b")).WithScope(["s2"]).WithValue("k", 2).WithValue("j", "x");
        Assert.Equal(("a", "s1", 1), (a.Actor!.Id, a.Scope.Single(), (int)a.Values["k"]!));
        Assert.Equal(("b", "s2", 2, "x"), (b.Actor!.Id, b.Scope.Single(), (int)b.Values["k"]!, (string)b.Values["j"]!));
    }

    [Fact]
    public void Enter_nests_and_restores()
    {
        Assert.Same(CallContext.Empty, CallContext.Current);
        var outer = new CallContext(new Actor("outer"));
        var inner = new CallContext(new Actor("inner"));
        using (CallContext.Enter(outer))
        {
            Assert.Same(outer, CallContext.Current);
            using (CallContext.Enter(inner)) Assert.Same(inner, CallContext.Current);
            Assert.Same(outer, CallContext.Current);
        }
        Assert.Same(CallContext.Empty, CallContext.Current);
    }

    [Fact]
    public async Task The_current_context_flows_into_tasks_but_not_back()
    {
        var context = new CallContext(new Actor("t"));
        CallContext? seen = null;
        using (CallContext.Enter(context))
        {
            await Task.Run(() => seen = CallContext.Current);
        }
        Assert.Same(context, seen);
        await Task.Run(() => CallContext.Enter(new CallContext(new Actor("leak"))));
        Assert.Same(CallContext.Empty, CallContext.Current);
    }

    [Fact]
    public void The_default_policy_allows_everything() =>
        Assert.True(AllowAllPolicy.Instance.Check(new CallContext(new Actor("x")), Permissions.FsGet, "myns:data").Allowed);
}
