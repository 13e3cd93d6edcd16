using BenchmarkDotNet.Attributes;
using Wippy.Benchmarks.Bench;
using Wippy.Host;

namespace Wippy.Benchmarks;

/// <summary>
/// The host's own WASI against Wasmtime's built-in WASI (the floor), on the same guest and the same entry:
/// <c>bench:print_lines</c> (tests/guests/components/stdio) writes 10,000 lines of stdout, one
/// <c>blocking-write-and-flush</c> each (about 10 bytes), through one stream handle. Both runtimes send the output to
/// the same place (a logger that counts the lines, so setup can check that all 10,000 arrived on both), so the rows
/// differ only by who implements WASI. And <c>bench:read_file</c> (tests/guests/wasi/probe.wasm, C + wasi-libc through
/// the preview1 adapter: <c>fopen</c> + <c>fread</c>) reads a 10 MB file from a read-only mount and returns it as a
/// string. And <c>bench:http_fetch</c> (tests/guests/components/http, C over wasi:http) sending one GET to a
/// server on 127.0.0.1 started by setup (.NET's <c>HttpListener</c>, 19 bytes of text) and printing the response; both
/// keep their connections open between requests. Target: ours at most 1.5x the floor. The floor and the <c>_OwnWasi</c>
/// rows call the entries' <c>_cm</c> twins (<c>call_path: component-model</c>), because a planned component is always
/// served by the host's own WASI at core level; the <c>_OwnWasiPlanned</c> rows call the planned entries.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WasiBenchmarks
{
    private const uint Lines = 10_000;
    private const int FileBytes = 10 * 1024 * 1024;

    private WippyRuntime _own = null!;
    private WippyRuntime _wasmtime = null!;
    private BenchFunctions _ownBench = null!;
    private BenchFunctions _wasmtimeBench = null!;
    private readonly LineCounter _ownLines = new();
    private readonly LineCounter _wasmtimeLines = new();
    private LoopbackHelloServer _server = null!;

    [GlobalSetup]
    public void Setup()
    {
        _own = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = BenchRegistry.Root, LoggerFactory = _ownLines });
        _wasmtime = new WippyRuntime(WippyRegistry.CreateManifest(),
            new WippyRuntimeOptions { RegistryRoot = BenchRegistry.Root, LoggerFactory = _wasmtimeLines, WasmtimeWasi = true });
        _ownBench = new BenchFunctions(_own);
        _wasmtimeBench = new BenchFunctions(_wasmtime);
        WriteBigFile();
        _server = new LoopbackHelloServer();
        if (!HttpGet_WasmtimeWasi().EndsWith("body hello from the host", StringComparison.Ordinal)
            || !HttpGet_OwnWasi().EndsWith("body hello from the host", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the GET did not return the server's text on both: {HttpGet_WasmtimeWasi()} / {HttpGet_OwnWasi()}");
        }
        Stdout_WasmtimeWasi();
        Stdout_OwnWasi();
        Stdout_OwnWasiPlanned();
        if (ReadFile_WasmtimeWasi() != FileBytes || ReadFile_OwnWasi() != FileBytes || ReadFile_OwnWasiPlanned() != FileBytes)
        {
            throw new InvalidOperationException($"read-file did not return the {FileBytes} bytes of files/big.txt on both");
        }
        if (_ownLines.Count != 2 * Lines || _wasmtimeLines.Count != Lines)
        {
            throw new InvalidOperationException($"expected {Lines} lines on each path, got {_ownLines.Count} (own, twice) and {_wasmtimeLines.Count} (Wasmtime's WASI)");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _own.Dispose();
        _wasmtime.Dispose();
        _server.Dispose();
    }

    /// <summary>The floor: Wasmtime's built-in WASI (<c>wasmtime_component_linker_add_wasip2</c>).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("stdout")]
    public void Stdout_WasmtimeWasi() => _wasmtimeBench.PrintLinesCm(Lines);

    /// <summary>The host's own WASI (wasi:cli/stdout, wasi:io/streams in C#), through Wasmtime's component model.</summary>
    [Benchmark]
    [BenchmarkCategory("stdout")]
    public void Stdout_OwnWasi() => _ownBench.PrintLinesCm(Lines);

    /// <summary>The same guest planned: its core modules wired by the host, the host's own WASI lowered at core level.</summary>
    [Benchmark]
    [BenchmarkCategory("stdout")]
    public void Stdout_OwnWasiPlanned() => _ownBench.PrintLines(Lines);

    /// <summary>The floor: a 10 MB file read through Wasmtime's built-in WASI.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read-10MB")]
    public int ReadFile_WasmtimeWasi() => _wasmtimeBench.ReadFileCm("/files/big.txt").Value.Length;

    /// <summary>The same read through the host's own wasi:filesystem and wasi:io/streams, through Wasmtime's component model.</summary>
    [Benchmark]
    [BenchmarkCategory("read-10MB")]
    public int ReadFile_OwnWasi() => _ownBench.ReadFileCm("/files/big.txt").Value.Length;

    /// <summary>The same read planned (the host's own WASI lowered at core level).</summary>
    [Benchmark]
    [BenchmarkCategory("read-10MB")]
    public int ReadFile_OwnWasiPlanned() => _ownBench.ReadFile("/files/big.txt").Value.Length;

    /// <summary>The floor: one GET through Wasmtime's built-in wasi:http (hyper).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("http-get")]
    public string HttpGet_WasmtimeWasi() => _wasmtimeBench.HttpFetch("GET", "http", _server.Authority, "/hello", [], null, 0);

    /// <summary>The same GET through the host's own wasi:http (.NET's HttpClient).</summary>
    [Benchmark]
    [BenchmarkCategory("http-get")]
    public string HttpGet_OwnWasi() => _ownBench.HttpFetch("GET", "http", _server.Authority, "/hello", [], null, 0);

    /// <summary>files/big.txt: 10 MB of printable ASCII (valid UTF-8, as the guest's string result must be).</summary>
    private static void WriteBigFile()
    {
        var directory = Path.Combine(BenchRegistry.Root, "files");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "big.txt");
        if (File.Exists(path) && new FileInfo(path).Length == FileBytes) return;
        var bytes = new byte[FileBytes];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)('a' + i % 26);
        File.WriteAllBytes(path, bytes);
    }
}

/// <summary>An HTTP server on 127.0.0.1 (a free port) answering every request with <c>hello from the host</c>.</summary>
internal sealed class LoopbackHelloServer : IDisposable
{
    private static readonly byte[] Hello = "hello from the host"u8.ToArray();
    private readonly System.Net.HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackHelloServer()
    {
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            Authority = $"127.0.0.1:{((System.Net.IPEndPoint)probe.LocalEndpoint).Port}";
        }
        _listener.Prefixes.Add($"http://{Authority}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Authority { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            System.Net.HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength64 = Hello.Length;
            await context.Response.OutputStream.WriteAsync(Hello);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }
}

/// <summary>A logger factory that counts the events logged at Information (the guest's stdout lines).</summary>
internal sealed class LineCounter : Microsoft.Extensions.Logging.ILoggerFactory, Microsoft.Extensions.Logging.ILogger
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel == Microsoft.Extensions.Logging.LogLevel.Information;

    public void Log<TState>(
        Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == 10) Interlocked.Increment(ref _count);
    }
}
