using Wippy.Security;

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
            using var context = options.Context is { } c ? CallContext.Enter(c) : null;
            if (options.TimeoutMs is not { } ms)
            {
                results(await call(token).ConfigureAwait(false));
                return null;
            }

            // A timeout shortens the caller's time, never lengthens it: its token is linked to the future's.
            using var timeout = token.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(token) : new CancellationTokenSource();
            using var deadline = LuaDeadline.Start(timeout, TimeSpan.FromMilliseconds(ms)); // disposed first: never cancels a disposed source
            results(await call(timeout.Token).ConfigureAwait(false));
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
