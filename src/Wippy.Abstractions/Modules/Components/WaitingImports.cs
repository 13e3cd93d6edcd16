namespace Wippy.Modules.Components;

/// <summary>
/// Which imported WASI interfaces let a guest wait on something outside the host (a clock, a response, a body): a
/// component importing one runs on fibers, where each such wait suspends it instead of holding a thread. Without
/// them its blocking stream calls reach the host's logs, files and stdin, which answer at once. The build step (whether
/// to generate the awaiting call forms) and the host (which imports suspend the guest) decide it the same way here.
/// </summary>
public static class WaitingImports
{
    /// <summary>Whether <paramref name="instance"/> (<c>wasi:io/poll@0.2.0</c>, <c>wasi:http/types@0.2.3</c>…) is such an interface.</summary>
    public static bool CanWait(string? instance)
    {
        if (instance is null) return false;
        var at = instance.IndexOf('@');
        var name = at < 0 ? instance : instance.Substring(0, at);
        return name == "wasi:io/poll" || name.StartsWith("wasi:http/", System.StringComparison.Ordinal);
    }
}
