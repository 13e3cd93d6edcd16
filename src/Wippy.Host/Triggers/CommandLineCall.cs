using System.Text.Json;

namespace Wippy.Host.Triggers;

/// <summary>
/// The command line's <c>call &lt;id&gt; [json…]</c>: one call of any function (WebAssembly or Lua) with one JSON value
/// per parameter; the result goes to <c>stdout</c> as JSON, a failure to <c>stderr</c> as <c>Kind: entry: message</c>.
/// A one-shot trigger: it returns when its call has ended; <see cref="ExitCode"/> is then 0 or 1.
/// </summary>
/// <remarks>
/// As the <c>call</c> command, its <c>stop</c> token cancels the call (Timeout). Under <c>run --call</c> it is a serving
/// trigger (<paramref name="cancelWhenStopped"/> false): a host that stops lets the call finish, up to its shutdown
/// timeout, and then stops it (Unavailable), as it does every call in flight.
/// </remarks>
internal sealed class CommandLineCall(string id, IReadOnlyList<string> jsonArgs, TextWriter stdout, TextWriter stderr, bool cancelWhenStopped = true) : IWippyTrigger
{
    /// <inheritdoc />
    public string Name => "call";

    /// <summary>0 when the call succeeded, 1 when it failed (set by <see cref="RunAsync"/>).</summary>
    public int ExitCode { get; private set; } = 1;

    /// <inheritdoc />
    public Task RunAsync(WippyRuntime runtime, CancellationToken stop)
    {
        var documents = new List<JsonDocument>();
        try
        {
            var function = runtime.GetFunction(id);
            var values = new JsonElement[jsonArgs.Count];
            for (var i = 0; i < jsonArgs.Count; i++)
            {
                try
                {
                    var document = JsonDocument.Parse(jsonArgs[i]);
                    documents.Add(document);
                    values[i] = document.RootElement;
                }
                catch (JsonException e)
                {
                    throw new WippyException(ErrorKind.Invalid, id, $"argument {i + 1} is not JSON ({e.Message}); strings need quotes, e.g. '\"Wippy\"'");
                }
            }
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                using (Execution.CallCancellation.Enter(cancelWhenStopped ? stop : CancellationToken.None)) function.CallJson(values, writer);
            }
            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            ExitCode = 0;
        }
        catch (WippyException e)
        {
            stderr.WriteLine(e.WithEntry(id).ToString());
            ExitCode = 1;
        }
        finally
        {
            foreach (var d in documents) d.Dispose();
        }
        return Task.CompletedTask;
    }
}
