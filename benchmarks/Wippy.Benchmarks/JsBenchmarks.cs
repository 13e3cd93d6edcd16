#if WIPPY_BENCH_JS
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wasmtime;
using Wasmtime.Components;
using Wippy.Benchmarks.Benchjs;
using Wippy.Host;

namespace Wippy.Benchmarks;

/// <summary>
/// A JavaScript component (tests/guests/components/add-js: ComponentizeJS, the StarlingMonkey engine with the guest's
/// code pre-initialized, about 12 MB) called warm, against Wasmtime.Dotnet's boxed call of the same file: <c>add(2, 3)</c>
/// and <c>greet("Wippy")</c>. The component imports <c>wasi:io/poll</c> and <c>wasi:http</c> (the engine's event loop and
/// <c>fetch</c>): the proxy calls it directly (planned), on core fibers; the floor through Wasmtime's component model. Built only when
/// <c>benchmarks/install-js-guest.sh</c> has built the guest and written its registry namespace (<c>benchjs</c>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsBenchmarks
{
    private Engine _engine = null!;
    private Component _component = null!;
    private ComponentLinker _linker = null!;
    private Wasmtime.Store _store = null!;
    private ComponentFunction _floorAdd = null!;
    private ComponentFunction _floorGreet = null!;
    private ComponentValue[] _addArguments = null!;
    private ComponentValue[] _greetArguments = null!;
    private WippyRuntime _runtime = null!;
    private BenchjsFunctions _js = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Engine();
        _component = Component.FromBytes(_engine, BenchRegistry.ReadJsComponent());
        _linker = new ComponentLinker(_engine);
        _linker.AddWasiPreview2();
        _linker.DefineUnknownImportsAsTraps(_component); // wasi:http, which the calls never use
        _store = new Wasmtime.Store(_engine);
        _store.SetWasiConfiguration(new WasiConfiguration());
        var instance = _linker.Instantiate(_store, _component);
        _floorAdd = instance.GetFunction("add") ?? throw new InvalidOperationException("add.wasm does not export add");
        _floorGreet = instance.GetFunction("greet") ?? throw new InvalidOperationException("add.wasm does not export greet");
        _addArguments = [ComponentValue.S32(2), ComponentValue.S32(3)];
        _greetArguments = [ComponentValue.String("Wippy")];
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = BenchRegistry.Root });
        _js = new BenchjsFunctions(_runtime);
        for (var i = 0; i < 2; i++)
        {
            if (WasmtimeDotnet_Add() != 5 || Proxy_Add() != 5) throw new InvalidOperationException($"add(2, 3): expected 5 on both, got {WasmtimeDotnet_Add()} and {Proxy_Add()}");
            if (WasmtimeDotnet_Greet() != "Hello, Wippy!" || Proxy_Greet() != "Hello, Wippy!")
            {
                throw new InvalidOperationException($"greet(\"Wippy\"): got \"{WasmtimeDotnet_Greet()}\" and \"{Proxy_Greet()}\"");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _store.Dispose();
        _linker.Dispose();
        _component.Dispose();
        _engine.Dispose();
    }

    /// <summary>The floor: <c>ComponentFunction.Call(S32(2), S32(3))</c> on one instance kept for the run, Wasmtime's WASI.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("js-add")]
    public int WasmtimeDotnet_Add() => _floorAdd.Call(_addArguments)!.AsS32();

    /// <summary>The generated proxy (sync) of <c>benchjs:add</c>.</summary>
    [Benchmark]
    [BenchmarkCategory("js-add")]
    public int Proxy_Add() => _js.Add(2, 3);

    /// <summary>The floor: <c>ComponentFunction.Call(String("Wippy"))</c>, the result read with <c>AsString</c>.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("js-greet")]
    public string WasmtimeDotnet_Greet() => _floorGreet.Call(_greetArguments)!.AsString();

    /// <summary>The generated proxy (sync) of <c>benchjs:greet</c>.</summary>
    [Benchmark]
    [BenchmarkCategory("js-greet")]
    public string Proxy_Greet() => _js.Greet("Wippy");
}
#endif
