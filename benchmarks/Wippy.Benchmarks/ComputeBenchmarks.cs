using BenchmarkDotNet.Attributes;
using Wippy.Host;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Samples.Registry.Myns;

namespace Wippy.Benchmarks;

/// <summary>
/// <c>myns:compute</c> = <c>compute(i32, i32) -> i32</c> (a * b), called warm with (6, 7).
/// The baseline is the floor: the same module called through Wasmtime.Dotnet's typed <c>WrapFunc</c>.
/// </summary>
[MemoryDiagnoser]
public class ComputeBenchmarks
{
    private WippyRuntime _runtime = null!;
    private MynsFunctions _proxy = null!;
    private WasmFunctionHandle _handle = null!;

    private Wasmtime.Engine _engine = null!;
    private Wasmtime.Module _module = null!;
    private Wasmtime.Linker _linker = null!;
    private Wasmtime.Store _store = null!;
    private Func<int, int, int> _floor = null!;

    private WasmEngine _nativeEngine = null!;
    private WasmModule _nativeModule = null!;
    private WasmStore _nativeStore = null!;
    private WasmFunction _nativeCompute;

    [GlobalSetup]
    public void Setup()
    {
        // Wippy: the generated proxy over a runtime built from the generated manifest.
        _runtime = SampleRegistry.CreateRuntime();
        _proxy = new MynsFunctions(_runtime);
        _handle = _runtime.GetWasmFunction("myns:compute");

        // The floor: Wasmtime's managed API, typed wrapper, one store and instance kept for the whole run.
        var bytes = SampleRegistry.ReadWasm("compute.wasm");
        _engine = new Wasmtime.Engine();
        _module = Wasmtime.Module.FromBytes(_engine, "compute", bytes);
        _linker = new Wasmtime.Linker(_engine);
        _store = new Wasmtime.Store(_engine);
        var instance = _linker.Instantiate(_store, _module);
        _floor = instance.GetFunction("compute")?.WrapFunc<int, int, int>()
            ?? throw new InvalidOperationException("compute is not (i32, i32) -> i32");

        // Diagnostic: Wippy.Host's own binding (wasmtime_func_call_unchecked), without the proxy and the instance pool.
        _nativeEngine = new WasmEngine();
        _nativeModule = WasmModule.FromBytes(_nativeEngine, bytes);
        _nativeStore = new WasmStore(_nativeEngine);
        if (!WasmInstance.Instantiate(_nativeStore, _nativeModule).TryGetFunction("compute", out _nativeCompute))
        {
            throw new InvalidOperationException("compute is not exported");
        }

        // Warm: the runtime loads the entry lazily and creates its first instance on the first call.
        Check(Proxy_Compute());
        Check(Proxy_ComputeAsync().GetAwaiter().GetResult());
        Check(WasmtimeDotnet_WrapFunc());
        Check(WippyNative_CallUnchecked());
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

    /// <summary>The floor: Wasmtime.Dotnet, <c>instance.GetFunction("compute").WrapFunc&lt;int, int, int&gt;()</c>.</summary>
    [Benchmark(Baseline = true)]
    public int WasmtimeDotnet_WrapFunc() => _floor(6, 7);

    /// <summary>The generated proxy, synchronous.</summary>
    [Benchmark]
    public int Proxy_Compute() => _proxy.Compute(6, 7);

    /// <summary>The generated proxy, asynchronous (completes synchronously; awaited by BenchmarkDotNet).</summary>
    [Benchmark]
    public ValueTask<int> Proxy_ComputeAsync() => _proxy.ComputeAsync(6, 7);

    /// <summary>Diagnostic: Wippy.Host's LibraryImport binding called directly (no proxy, no pool, no CoreCall).</summary>
    [Benchmark]
    public int WippyNative_CallUnchecked()
    {
        Span<ValueRaw> slots = stackalloc ValueRaw[2];
        slots[0].I32 = 6;
        slots[1].I32 = 7;
        _nativeCompute.CallUnchecked(slots);
        return slots[0].I32;
    }

    /// <summary>Diagnostic: what the proxy pays around the guest call (take a warm instance, give it back), no guest call.</summary>
    [Benchmark]
    public int Proxy_BeginEndOnly()
    {
        var call = _handle.Begin();
        call.Complete();
        call.End();
        return 42;
    }

    private static void Check(int value)
    {
        if (value != 42) throw new InvalidOperationException($"compute(6, 7) returned {value}, expected 42");
    }
}
