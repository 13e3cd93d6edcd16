using System.Text;
using BenchmarkDotNet.Attributes;
using Wippy.Host;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
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

    private WasmEngine _nativeEngine = null!;
    private WasmModule _nativeModule = null!;
    private WasmStore _nativeStore = null!;
    private WasmMemory _nativeMemory;
    private WasmFunction _nativeRealloc;
    private WasmFunction _nativeGreet;
    private WasmFunction _nativePostGreet;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = SampleRegistry.CreateRuntime();
        _proxy = new MynsFunctions(_runtime);

        var bytes = SampleRegistry.ReadWasm("greet.wasm");
        _engine = new Wasmtime.Engine();
        _module = Wasmtime.Module.FromBytes(_engine, "greet", bytes);
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

        _nativeEngine = new WasmEngine();
        _nativeModule = WasmModule.FromBytes(_nativeEngine, bytes);
        _nativeStore = new WasmStore(_nativeEngine);
        var nativeInstance = WasmInstance.Instantiate(_nativeStore, _nativeModule);
        if (!nativeInstance.TryGetMemory("memory", out _nativeMemory)
            || !nativeInstance.TryGetFunction("cabi_realloc", out _nativeRealloc)
            || !nativeInstance.TryGetFunction("greet", out _nativeGreet)
            || !nativeInstance.TryGetFunction("cabi_post_greet", out _nativePostGreet))
        {
            throw new InvalidOperationException("greet.wasm lacks an export the Canonical ABI needs");
        }

        Check(Proxy_Greet());
        Check(Proxy_GreetAsync().GetAwaiter().GetResult());
        Check(WasmtimeDotnet_ByHand());
        Check(WippyNative_ByHand());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _store.Dispose();
        _linker.Dispose();
        _module.Dispose();
        _engine.Dispose();
        _nativeStore.Dispose();
        _nativeModule.Dispose();
        _nativeEngine.Dispose();
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
    public ValueTask<string> Proxy_GreetAsync() => _proxy.GreetAsync(Name);

    /// <summary>
    /// Diagnostic: the same steps by hand through Wippy.Host's own binding (<c>WasmFunction.CallUnchecked</c>,
    /// <c>WasmMemory.GetSpan</c>), without the proxy, the instance pool and <c>CoreCall</c>'s checks.
    /// </summary>
    [Benchmark]
    public string WippyNative_ByHand()
    {
        Span<ValueRaw> slots = stackalloc ValueRaw[4];
        var length = StrictUtf8.GetByteCount(Name);
        slots[0].I32 = 0;
        slots[1].I32 = 0;
        slots[2].I32 = 1;
        slots[3].I32 = length;
        _nativeRealloc.CallUnchecked(slots);
        var ptr = slots[0].I32;
        StrictUtf8.GetBytes(Name, _nativeMemory.GetSpan().Slice(ptr, length));
        slots[0].I32 = ptr;
        slots[1].I32 = length;
        _nativeGreet.CallUnchecked(slots.Slice(0, 2));
        var retArea = slots[0].I32;
        var memory = _nativeMemory.GetSpan();
        var resultPtr = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(memory.Slice(retArea, 4));
        var resultLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(memory.Slice(retArea + 4, 4));
        var result = StrictUtf8.GetString(memory.Slice(resultPtr, resultLength));
        slots[0].I32 = retArea;
        _nativePostGreet.CallUnchecked(slots.Slice(0, 1));
        return result;
    }

    private static void Check(string value)
    {
        if (value != Expected) throw new InvalidOperationException($"greet(\"{Name}\") returned \"{value}\", expected \"{Expected}\"");
    }
}
