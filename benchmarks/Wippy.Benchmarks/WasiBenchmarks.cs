using BenchmarkDotNet.Attributes;
using Wippy.Benchmarks.Bench;
using Wippy.Host;

namespace Wippy.Benchmarks;

/// <summary>
/// The host's own WASI against Wasmtime's built-in WASI (the floor), on the same guest and the same entry:
/// <c>bench:print_lines</c> (tests/guests/components/stdio) writes 10,000 lines of stdout, one
/// <c>blocking-write-and-flush</c> each (about 10 bytes), through one stream handle. Both runtimes send the output to
/// the same place (a logger that counts the lines, so setup can check that all 10,000 arrived on both), so the rows
/// differ only by who implements WASI.
/// Target: ours at most 1.5x the floor. (The 10 MB file read of the same target needs wasi:filesystem on the
/// host's own WASI, which is not written yet.)
/// </summary>
[MemoryDiagnoser]
public class WasiBenchmarks
{
    private const uint Lines = 10_000;

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
        Stdout_WasmtimeWasi();
        Stdout_OwnWasi();
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
