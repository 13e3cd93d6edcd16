namespace Wippy;

/// <summary>The kind of a failed call (docs/runtime.md#errors). Every <see cref="WippyException"/> carries one.</summary>
public enum ErrorKind
{
    /// <summary>A bad argument, a value that does not fit its type, or a guest returning garbage.</summary>
    Invalid,
    /// <summary>The entry, export or file does not exist.</summary>
    NotFound,
    /// <summary>The caller's security context does not allow the call.</summary>
    PermissionDenied,
    /// <summary>The call ran past its limit or was cancelled.</summary>
    Timeout,
    /// <summary>The guest trapped (unreachable, out-of-bounds access, stack overflow…).</summary>
    Trap,
    /// <summary>The host is shutting down, or the entry failed to load.</summary>
    Unavailable,
    /// <summary>A bug on the host's side.</summary>
    Internal,
}
