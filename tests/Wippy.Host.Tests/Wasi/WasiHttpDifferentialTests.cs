using Wippy.Host.Tests.Http;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// The wasi:http client guest (tests/guests/components/http) once on the host's own WASI and once on Wasmtime's
/// built-in wasi:http (<see cref="WippyRuntimeOptions.WasmtimeWasi"/>), outputs compared: the same fields behaviour
/// line by line, the same responses, the same error codes. The requests go through <c>http:fetch_anywhere</c>, which
/// allows every host: Wasmtime's WASI cannot keep to a narrower <c>wasi.allowed_outbound_hosts</c>, so an entry with
/// one does not load there.
/// </summary>
public sealed class WasiHttpDifferentialTests : IDisposable
{
    private readonly LocalHttpServer _server = new();
    private readonly WippyRuntime _own;
    private readonly WippyRuntime _wasmtime;
    private readonly HttpFunctions _ownHttp;
    private readonly HttpFunctions _wasmtimeHttp;

    public WasiHttpDifferentialTests()
    {
        _own = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        _wasmtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, WasmtimeWasi = true });
        _ownHttp = new HttpFunctions(_own);
        _wasmtimeHttp = new HttpFunctions(_wasmtime);
    }

    public void Dispose()
    {
        _own.Dispose();
        _wasmtime.Dispose();
        _server.Dispose();
    }

    [Fact]
    public void Fields_behave_the_same_line_by_line()
    {
        var own = _ownHttp.FieldsTest().Split('\n');
        var wasmtime = _wasmtimeHttp.FieldsTest().Split('\n');
        Assert.Equal(wasmtime, own);
        Assert.True(own.Length > 20, string.Join("\n", own));
    }

    public static TheoryData<string, string, string, string, string[], string?, uint> Requests => new()
    {
        { "GET", "http", "{server}", "/hello", [], null, 0 },
        { "GET", "http", "{server}", "/status/404", [], null, 0 },
        { "GET", "http", "{server}", "/big?n=200000", [], null, 0 },
        { "GET", "http", "{server}", "/truncated", [], null, 0 },
        { "POST", "http", "{server}", "/echo", ["x-wippy", "hi", "content-type", "text/plain"], "a body\nof two lines", 0 },
        { "PUT", "http", "{server}", "/echo", ["content-length", "3"], "abc", 0 },
        { "PATCH", "http", "{server}", "/echo", [], "", 0 },
        { "GET", "http", "{closed}", "/", [], null, 0 },
        { "GET", "http", "", "/", [], null, 0 },
        { "GET", "ftp", "{server}", "/", [], null, 0 },
        { "GET", "http", "{server}", "/with space", [], null, 0 },
        { "not a method", "http", "{server}", "/", [], null, 0 },
        { "GET", "http", "{server}", "/hello", ["connection", "close"], null, 0 },
        { "GET", "http", "{server}", "/hello", ["x-ok", "1", "bad name", "v"], null, 0 },
        { "GET", "http", "{server}", "/slow?ms=10000", [], null, 200 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Requests_end_the_same(string method, string scheme, string authority, string path, string[] headers, string? body, uint firstByteTimeoutMs)
    {
        authority = authority.Replace("{server}", _server.Authority).Replace("{closed}", $"127.0.0.1:{LocalHttpServer.ClosedPort()}");
        var pairs = Enumerable.Range(0, headers.Length / 2).Select(i => (headers[2 * i], headers[2 * i + 1])).ToArray();
        var own = Comparable(_ownHttp.FetchAnywhere(method, scheme, authority, path, pairs, body, firstByteTimeoutMs));
        var wasmtime = Comparable(_wasmtimeHttp.FetchAnywhere(method, scheme, authority, path, pairs, body, firstByteTimeoutMs));
        Assert.Equal(wasmtime, own);
    }

    [Fact]
    public void An_entry_whose_list_does_not_allow_everything_does_not_load_on_Wasmtimes_WASI()
    {
        // http:fetch_cm allows http://127.0.0.1:* only: on Wasmtime's WASI nothing could keep the guest to it.
        var error = Assert.Throws<WippyException>(() => _wasmtimeHttp.FetchCm("GET", "http", _server.Authority, "/hello", [], null, 0));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("http:fetch_cm", error.EntryId);
        Assert.Contains("the entry failed to load: the guest gets Wasmtime's built-in WASI", error.Message);
        Assert.Contains("WippyRuntimeOptions.WasmtimeWasi", error.Message);
        Assert.Contains("it lists \"http://127.0.0.1:*\"", error.Message);
        Assert.Contains("allowed_outbound_hosts: ['*://*:*']", error.Message);
        Assert.Equal(0, _server.Answered);
        // The same entry on the host's own WASI keeps to its list and sends; so does its planned twin on either runtime
        // (called directly, a guest is always served by the host's own WASI).
        Assert.StartsWith("status 200", _ownHttp.FetchCm("GET", "http", _server.Authority, "/hello", [], null, 0));
        Assert.StartsWith("status 200", _wasmtimeHttp.Fetch("GET", "http", _server.Authority, "/hello", [], null, 0));
        Assert.Equal(2, _server.Answered);
    }

    /// <summary>
    /// The output without the header a response differs in from one moment to the next (<c>date</c>), header lines
    /// sorted: .NET's client keeps a response's content headers (<c>content-type</c>, <c>content-length</c>…) apart
    /// from the others, so the host's own WASI lists them after the others rather than in the order received.
    /// </summary>
    private static string[] Comparable(string output)
    {
        var lines = output.Split('\n').Where(line => !line.StartsWith("header date:", StringComparison.Ordinal)).ToList();
        var headers = lines.Where(line => line.StartsWith("header ", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        return [.. lines.Where(line => !line.StartsWith("header ", StringComparison.Ordinal)), .. headers];
    }
}
