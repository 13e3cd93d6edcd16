using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

/// <summary>
/// Value paths in errors (<c>users[2].tags[1]: expected a string, got null</c>), built only when something fails.
/// Generated code passes a container's own path down to its elements and fields unchanged (no string is built per
/// element on the hot path); when an element fails, each container on the way out inserts its segment right after
/// that path, innermost first, which leaves the segments in outermost-first order.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class AbiPath
{
    /// <summary>True when <paramref name="error"/> is an Invalid error about a value under <paramref name="what"/>.</summary>
    public static bool IsAt(WippyException error, string what) =>
        error is { Kind: ErrorKind.Invalid } && error.Detail.StartsWith(what, StringComparison.Ordinal);

    /// <summary>The same error with <paramref name="segment"/> (<c>[3]</c>, <c>.name</c>) inserted after <paramref name="what"/>.</summary>
    public static WippyException Under(WippyException error, string what, string segment) =>
        new(error.Kind, error.EntryId, what + segment + error.Detail.Substring(what.Length), error.InnerException);

    /// <summary>True when <paramref name="error"/> is about a value under <paramref name="what"/>.</summary>
    public static bool IsAt(ComponentValueException error, string what) => error.Message.StartsWith(what, StringComparison.Ordinal);

    /// <summary>The same error with <paramref name="segment"/> inserted after <paramref name="what"/>.</summary>
    public static ComponentValueException Under(ComponentValueException error, string what, string segment) =>
        new(what + segment + error.Message.Substring(what.Length));
}
