namespace Wippy.Security;

/// <summary>The permissions the runtime checks (docs/runtime.md#security-context).</summary>
public static class Permissions
{
    /// <summary>Calling a function entry; the resource is the entry id.</summary>
    public const string FuncsCall = "funcs.call";

    /// <summary>Mounting an fs entry for a guest; the resource is the fs entry id.</summary>
    public const string FsGet = "fs.get";
}

/// <summary>A policy's answer: allowed, or denied with a reason the error will carry.</summary>
/// <param name="Allowed">Whether the action may go on.</param>
/// <param name="Reason">Why not (shown in the PermissionDenied error), or null.</param>
public readonly record struct PolicyDecision(bool Allowed, string? Reason)
{
    /// <summary>Allowed.</summary>
    public static PolicyDecision Allow => new(true, null);

    /// <summary>Denied, because <paramref name="reason"/>.</summary>
    public static PolicyDecision Deny(string reason) => new(false, reason);
}

/// <summary>
/// Decides whether the current <see cref="CallContext"/> may perform an action on a resource, before anything runs
/// (<see cref="Permissions.FuncsCall"/> on an entry id, <see cref="Permissions.FsGet"/> on an fs entry id). An app
/// sets one per runtime; the default allows everything.
/// </summary>
public interface ICallPolicy
{
    /// <summary>Decides.</summary>
    /// <param name="context">Who asks (actor, scope, request values).</param>
    /// <param name="permission">The action, e.g. <c>funcs.call</c>.</param>
    /// <param name="resource">What it is done to, e.g. <c>myns:compute</c>.</param>
    PolicyDecision Check(CallContext context, string permission, string resource);
}

/// <summary>The default policy: everything is allowed.</summary>
public sealed class AllowAllPolicy : ICallPolicy
{
    /// <summary>The shared instance.</summary>
    public static AllowAllPolicy Instance { get; } = new();

    /// <inheritdoc />
    public PolicyDecision Check(CallContext context, string permission, string resource) => PolicyDecision.Allow;
}
