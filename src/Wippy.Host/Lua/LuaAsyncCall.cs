namespace Wippy.Host.Lua;

/// <summary>
/// One <c>funcs.async</c> call, awaited: the executor's options in effect (its context flows with the call, its
/// timeout comes as the call's token), and the outcome as Lua sees it (the error, or null and the result count).
/// </summary>
internal static class LuaAsyncCall
{
    /// <summary>Runs <paramref name="call"/>; gives its result count to <paramref name="results"/> and returns null, or returns its error.</summary>
    public static async Task<WippyException?> RunAsync(
        LuaExecutorOptions options, string target, CancellationToken token, Func<CancellationToken, ValueTask<int>> call, Action<int> results)
    {
        try
        {
            using var scope = options.Enter(token);
            results(await call(scope.Token).ConfigureAwait(false));
            return null;
        }
        catch (OperationCanceledException e) when (e.InnerException is WippyException error)
        {
            return error.WithEntry(target); // cancelled: the call's own Timeout error, as for a call the token stopped
        }
        catch (Exception e)
        {
            return LuaErrors.AsWippy(e, target).WithEntry(target);
        }
    }
}
