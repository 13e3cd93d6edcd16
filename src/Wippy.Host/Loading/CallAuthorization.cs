using Wippy.Security;

namespace Wippy.Host.Loading;

/// <summary>The policy check every call of an entry passes first (<c>funcs.call</c> on its id, docs/runtime.md#security-context).</summary>
internal static class CallAuthorization
{
    /// <summary>Asks <paramref name="policy"/> whether the current call context may call <paramref name="entryId"/>.</summary>
    /// <exception cref="WippyException">PermissionDenied, before anything runs.</exception>
    public static void Check(ICallPolicy policy, string entryId)
    {
        var context = CallContext.Current;
        var decision = policy.Check(context, Permissions.FuncsCall, entryId);
        if (decision.Allowed) return;
        var who = context.Actor is { } actor ? $"actor '{actor.Id}'" : "an anonymous caller";
        throw new WippyException(ErrorKind.PermissionDenied, entryId,
            $"{who} may not call this entry (funcs.call){(decision.Reason is { } reason ? ": " + reason : "")}");
    }
}
