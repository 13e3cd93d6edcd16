namespace Wippy.Host.Lua;

/// <summary>
/// The HTTP request a Lua handler serves and the response it builds (its <c>http</c> module): filled by the HTTP
/// server (package Wippy.Http) from the request, made current on the thread that calls the handler, and written back
/// as the response once the call returns. The response is buffered: nothing reaches the client before the handler ends.
/// </summary>
internal sealed class LuaHttpExchange
{
    [ThreadStatic]
    private static LuaHttpExchange? t_current;

    /// <summary>The exchange of the Lua call running on this thread, or null outside an HTTP request.</summary>
    public static LuaHttpExchange? Current => t_current;

    /// <summary>The request's method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>The request's path.</summary>
    public required string Path { get; init; }

    /// <summary>The route's <c>{name}</c> values.</summary>
    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    /// <summary>The query string's values (the first of a repeated name).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>The request's headers by lower-case name (repeated ones joined with <c>", "</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The request body.</summary>
    public byte[] Body { get; init; } = [];

    /// <summary>The response's status (200 unless the handler sets another).</summary>
    public int Status { get; set; } = 200;

    /// <summary>The response's headers, in the order the handler set them (a name set again replaces its value).</summary>
    public List<KeyValuePair<string, string>> ResponseHeaders { get; } = [];

    /// <summary>The response body written so far.</summary>
    public MemoryStream ResponseBody { get; } = new();

    /// <summary>Makes this the current exchange on this thread until the scope is disposed.</summary>
    public Scope Enter()
    {
        var previous = t_current;
        t_current = this;
        return new Scope(previous);
    }

    /// <summary>Sets the response header <paramref name="name"/>; returns why not, or null.</summary>
    public string? SetHeader(string name, string value)
    {
        // The rules wasi:http's fields follow (a token name; no control character but tab in the value).
        if (!WasiHost.Http.HttpFields.IsToken(name)) return $"'{name}' is not a header name";
        if (!WasiHost.Http.HttpFields.IsValidValue(System.Text.Encoding.UTF8.GetBytes(value)))
        {
            return $"the value of header '{name}' holds a line break or another control character (header injection is refused)";
        }
        ResponseHeaders.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        ResponseHeaders.Add(new(name, value));
        return null;
    }

    /// <summary>Restores the previous exchange.</summary>
    internal readonly struct Scope(LuaHttpExchange? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => t_current = previous;
    }
}
