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
/// string. Target: ours at most 1.5x the floor.
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

    [GlobalSetup]
    public void Setup()
    {
        _own = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = BenchRegistry.Root, LoggerFactory = _ownLines });
        _wasmtime = new WippyRuntime(WippyRegistry.CreateManifest(),
            new WippyRuntimeOptions { RegistryRoot = BenchRegistry.Root, LoggerFactory = _wasmtimeLines, WasmtimeWasi = true });
        _ownBench = new BenchFunctions(_own);
        _wasmtimeBench = new BenchFunctions(_wasmtime);
        WriteBigFile();
        Stdout_WasmtimeWasi();
        Stdout_OwnWasi();
        if (ReadFile_WasmtimeWasi() != FileBytes || ReadFile_OwnWasi() != FileBytes)
        {
            throw new InvalidOperationException($"read-file did not return the {FileBytes} bytes of files/big.txt on both");
        }
        if (_ownLines.Count != Lines || _wasmtimeLines.Count != Lines)
        {
            throw new InvalidOperationException($"expected {Lines} lines on each, got {_ownLines.Count} (own) and {_wasmtimeLines.Count} (Wasmtime's WASI)");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _own.Dispose();
        _wasmtime.Dispose();
    }

    /// <summary>The floor: Wasmtime's built-in WASI (<c>wasmtime_component_linker_add_wasip2</c>).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("stdout")]
    public void Stdout_WasmtimeWasi() => _wasmtimeBench.PrintLines(Lines);

    /// <summary>The host's own WASI (wasi:cli/stdout, wasi:io/streams in C#).</summary>
    [Benchmark]
    [BenchmarkCategory("stdout")]
    public void Stdout_OwnWasi() => _ownBench.PrintLines(Lines);

    /// <summary>The floor: a 10 MB file read through Wasmtime's built-in WASI.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read-10MB")]
    public int ReadFile_WasmtimeWasi() => _wasmtimeBench.ReadFile("/files/big.txt").Value.Length;

    /// <summary>The same read through the host's own wasi:filesystem and wasi:io/streams.</summary>
    [Benchmark]
    [BenchmarkCategory("read-10MB")]
    public int ReadFile_OwnWasi() => _ownBench.ReadFile("/files/big.txt").Value.Length;

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
