using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wippy.Host;
using Wippy.Security;

namespace Wippy.Http;

/// <summary>One request's call of its endpoint's function, for every kind of endpoint.</summary>
internal static class RequestCall
{
    /// <summary>
    /// Calls <paramref name="function"/> with <paramref name="args"/> as the request's actor (<see cref="RequestActor"/>),
    /// writing its JSON result into <paramref name="output"/>. <paramref name="enter"/> opens a thread-static scope for
    /// the call's start only (the runtime reads it before the call's first await; it must be left on the same thread).
    /// </summary>
    public static async Task RunAsync<TScope>(HttpContext http, FunctionHandle function, ReadOnlyMemory<JsonElement> args, IBufferWriter<byte> output, Func<TScope> enter)
        where TScope : IDisposable
    {
        using (CallContext.Enter(RequestActor.ContextOf(http)))
        {
            var json = new Utf8JsonWriter(output);
            await using (json.ConfigureAwait(false))
            {
                ValueTask call;
                using (enter())
                {
                    call = function.CallJsonAsync(args, json, http.RequestAborted);
                }
                await call.ConfigureAwait(false);
            }
        }
    }
}
