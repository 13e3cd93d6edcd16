using System.Text;
using BenchmarkDotNet.Attributes;
using Wippy.Host;
using Wippy.Samples.Registry.Myns;

namespace Wippy.Benchmarks;

/// <summary>
/// <c>myns:greet</c> = <c>greet: func(name: string) -> string</c> over the Canonical ABI, called warm with "Wippy".
/// The baseline is the floor: the same Canonical ABI steps written by hand against Wasmtime.Dotnet
/// (cabi_realloc, UTF-8 into memory, greet, read the (ptr, len) return area, decode, cabi_post_greet).
/// </summary>
[MemoryDiagnoser]
public class GreetBenchmarks
{
    private const string Name = "Wippy";
    private const string Expected = "Hello, Wippy!";

    // The proxy rejects invalid UTF-16/UTF-8 instead of replacing it; the floor does the same work.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private WippyRuntime _runtime = null!;
    private MynsFunctions _proxy = null!;

    private Wasmtime.Engine _engine = null!;
    private Wasmtime.Module _module = null!;
    private Wasmtime.Linker _linker = null!;
    private Wasmtime.Store _store = null!;
    private Wasmtime.Memory _memory = null!;
    private Func<int, int, int, int, int> _realloc = null!;
    private Func<int, int, int> _greet = null!;
    private Action<int> _postGreet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = SampleRegistry.CreateRuntime();
        _proxy = new MynsFunctions(_runtime);

        _engine = new Wasmtime.Engine();
        _module = Wasmtime.Module.FromBytes(_engine, "greet", SampleRegistry.ReadWasm("greet.wasm"));
        _linker = new Wasmtime.Linker(_engine);
        _store = new Wasmtime.Store(_engine);
        var instance = _linker.Instantiate(_store, _module);
        _memory = instance.GetMemory("memory") ?? throw new InvalidOperationException("no memory export");
        _realloc = instance.GetFunction("cabi_realloc")?.WrapFunc<int, int, int, int, int>()
            ?? throw new InvalidOperationException("cabi_realloc is not (i32, i32, i32, i32) -> i32");
        _greet = instance.GetFunction("greet")?.WrapFunc<int, int, int>()
            ?? throw new InvalidOperationException("greet is not (i32, i32) -> i32");
        _postGreet = instance.GetFunction("cabi_post_greet")?.WrapAction<int>()
            ?? throw new InvalidOperationException("cabi_post_greet is not (i32) -> ()");

        Check(Proxy_Greet());
        Check(Proxy_GreetAsync().GetAwaiter().GetResult());
        Check(WasmtimeDotnet_ByHand());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _store.Dispose();
        _linker.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }

    /// <summary>The floor: the Canonical ABI by hand over Wasmtime.Dotnet's typed wrappers and <c>Memory</c>.</summary>
    [Benchmark(Baseline = true)]
    public string WasmtimeDotnet_ByHand()
    {
        var length = StrictUtf8.GetByteCount(Name);
        var ptr = _realloc(0, 0, 1, length);
        StrictUtf8.GetBytes(Name, _memory.GetSpan(ptr, length));
        var retArea = _greet(ptr, length);
        var resultPtr = _memory.ReadInt32(retArea);
        var resultLength = _memory.ReadInt32(retArea + 4);
        var result = StrictUtf8.GetString(_memory.GetSpan(resultPtr, resultLength));
        _postGreet(retArea);
        return result;
    }

    /// <summary>The generated proxy, synchronous.</summary>
    [Benchmark]
    public string Proxy_Greet() => _proxy.Greet(Name);

    /// <summary>The generated proxy, asynchronous (completes synchronously; awaited by BenchmarkDotNet).</summary>
    [Benchmark]
    public Task<string> Proxy_GreetAsync() => _proxy.GreetAsync(Name);

    private static void Check(string value)
    {
        if (value != Expected) throw new InvalidOperationException($"greet(\"{Name}\") returned \"{value}\", expected \"{Expected}\"");
    }
}
