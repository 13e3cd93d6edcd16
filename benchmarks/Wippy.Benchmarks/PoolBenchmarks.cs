using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wasmtime.Components;
using Wippy.Benchmarks.Bench;
using Wippy.Host;
using Wippy.Samples.Registry.Myns;
using BenchUserOutput = Wippy.Benchmarks.Bench.UserOutput;
using BenchUserRecord = Wippy.Benchmarks.Bench.UserRecord;
using MynsUserOutput = Wippy.Samples.Registry.Myns.UserOutput;
using MynsUserRecord = Wippy.Samples.Registry.Myns.UserRecord;

namespace Wippy.Benchmarks;

/// <summary>
/// The same two guests under each pool type (docs/registry.md#pools), one caller, in three categories, each with its own floor
/// (the <c>Baseline</c>):
/// <list type="bullet">
/// <item><c>compute-warm</c>: <c>compute(6, 7)</c> = 42 on a warm instance, lazy (<c>myns:compute</c>, max_size 4),
/// static (<c>bench:compute_static</c>, 2 workers) and adaptive (<c>bench:compute_adaptive</c>, max_size 4); floor:
/// Wasmtime.Dotnet's <c>WrapFunc&lt;int, int, int&gt;</c> on one instance kept for the run (as in ComputeBenchmarks).</item>
/// <item><c>compute-inline</c>: <c>bench:compute_inline</c> (a fresh instance per call); floor: Wasmtime.Dotnet
/// <c>new Store</c> + <c>Linker.Instantiate</c> + <c>GetFunction</c> + call + <c>Store.Dispose</c> per op. Diagnostic: the
/// same proxy on a runtime with Wasmtime's pooling allocator.</item>
/// <item><c>transform-users</c>: mapper.wasm's <c>transform-users</c> over 100 users, lazy (<c>myns:transform_users</c>),
/// static (2 workers), adaptive (max_size 4) and inline; floor: <c>ComponentFunction.Call</c> on one instance kept for
/// the run (as in ComponentBenchmarks; the inline row instantiates per call, the floor does not).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PoolBenchmarks
{
    private const int A = 6, B = 7, Product = 42;

    private WippyRuntime _benchRuntime = null!;
    private WippyRuntime _sampleRuntime = null!;
    private WippyRuntime _pooledRuntime = null!;
    private BenchFunctions _bench = null!;
    private BenchFunctions _pooledBench = null!;
    private WippyRuntime _nothingResidentRuntime = null!;
    private BenchFunctions _nothingResidentBench = null!;
    private MynsFunctions _myns = null!;
    private MynsUserRecord[] _mynsUsers = null!;
    private BenchUserRecord[] _benchUsers = null!;
    private MynsUserOutput[] _expected = null!;

    private Wasmtime.Engine _engine = null!;
    private Wasmtime.Module _computeModule = null!;
    private Wasmtime.Linker _linker = null!;
    private Wasmtime.Store _store = null!;
    private Func<int, int, int> _floorCompute = null!;
    private Component _mapper = null!;
    private ComponentLinker _componentLinker = null!;
    private ComponentFunction _floorTransform = null!;
    private ComponentValue[] _transformArguments = null!;

    [GlobalSetup]
    public void Setup()
    {
        _benchRuntime = BenchRegistry.CreateRuntime();
        _bench = new BenchFunctions(_benchRuntime);
        // Diagnostic: the same registry on an engine with Wasmtime's pooling allocator (WippyRuntimeOptions.PoolingAllocator,
        // default sizes). When the address space cannot be reserved the runtime allocates on demand; the row then says so.
        _pooledRuntime = new WippyRuntime(Wippy.Benchmarks.WippyRegistry.CreateManifest(), new WippyRuntimeOptions
        {
            RegistryRoot = BenchRegistry.Root,
            PoolingAllocator = new Wippy.Host.WasmPoolingAllocator(),
        });
        if (!_pooledRuntime.UsesPoolingAllocator)
        {
            Console.WriteLine("warning: the pooling allocator is unavailable here; Inline_Proxy_PoolingAllocator allocates on demand");
        }
        _pooledBench = new BenchFunctions(_pooledRuntime);
        // The same with Wasmtime's own default of nothing kept resident between instances: every page of a freed
        // instance goes back to the kernel (ours keeps the first MiB of each memory slot, zeroed in place).
        _nothingResidentRuntime = new WippyRuntime(Wippy.Benchmarks.WippyRegistry.CreateManifest(), new WippyRuntimeOptions
        {
            RegistryRoot = BenchRegistry.Root,
            PoolingAllocator = new Wippy.Host.WasmPoolingAllocator { MemoryKeepResidentBytes = 0, TableKeepResidentBytes = 0 },
        });
        _nothingResidentBench = new BenchFunctions(_nothingResidentRuntime);
        _sampleRuntime = SampleRegistry.CreateRuntime();
        _myns = new MynsFunctions(_sampleRuntime);
        _mynsUsers = ComponentBenchmarks.CreateUsers();
        _benchUsers = _mynsUsers.Select(u => new BenchUserRecord(u.Id, u.Name, u.Tags, u.Active)).ToArray();
        _expected = _mynsUsers.Select(u => new MynsUserOutput(u.Id, $"{u.Name} [{string.Join(", ", u.Tags)}]", (uint)u.Tags.Length)).ToArray();

        // The floors: Wasmtime.Dotnet, default engine configuration.
        _engine = new Wasmtime.Engine();
        _computeModule = Wasmtime.Module.FromBytes(_engine, "compute", SampleRegistry.ReadWasm("compute.wasm"));
        _linker = new Wasmtime.Linker(_engine);
        _store = new Wasmtime.Store(_engine);
        _floorCompute = _linker.Instantiate(_store, _computeModule).GetFunction("compute")?.WrapFunc<int, int, int>()
            ?? throw new InvalidOperationException("compute is not (i32, i32) -> i32");
        _mapper = Component.FromBytes(_engine, SampleRegistry.ReadWasm("mapper.wasm"));
        _componentLinker = new ComponentLinker(_engine);
        _floorTransform = _componentLinker.Instantiate(_store, _mapper).GetFunction("transform-users")
            ?? throw new InvalidOperationException("mapper.wasm does not export transform-users");
        _transformArguments = [ComponentBenchmarks.ToComponentValue(_mynsUsers)];

        // Warm, and check every row before anything is measured (twice: the second call runs on a reused instance,
        // except inline, which must never keep one).
        for (var i = 0; i < 2; i++)
        {
            CheckCompute(Compute_Floor_WrapFunc(), "WrapFunc");
            CheckCompute(Compute_Lazy(), "myns:compute");
            CheckCompute(Compute_Static(), "bench:compute_static");
            CheckCompute(Compute_Adaptive(), "bench:compute_adaptive");
            CheckCompute(Inline_Floor_InstantiateCall(), "Store + Instantiate + call");
            CheckCompute(Inline_Proxy(), "bench:compute_inline");
            CheckCompute(Inline_Proxy_PoolingAllocator(), "bench:compute_inline (pooling allocator)");
            CheckTransform(ComponentBenchmarks.FromComponentValue(Transform_Floor_ComponentCall()), "ComponentFunction.Call");
            CheckTransform(Transform_Lazy(), "myns:transform_users");
            CheckTransform(ToMyns(Transform_Static()), "bench:transform_static");
            CheckTransform(ToMyns(Transform_Adaptive()), "bench:transform_adaptive");
            CheckTransform(ToMyns(Transform_Inline()), "bench:transform_inline");
            CheckTransform(ToMyns(Transform_Inline_PoolingAllocator()), "bench:transform_inline (pooling allocator)");
            CheckTransform(ToMyns(Transform_Inline_PoolingNothingResident()), "bench:transform_inline (pooling allocator, nothing resident)");
            CheckCompute(Inline_Proxy_PoolingNothingResident(), "bench:compute_inline (pooling allocator, nothing resident)");
        }

        // The pools hold what their type says after the calls: one warm instance each (one caller), none for inline.
        CheckPool(_sampleRuntime.GetFunction("myns:compute"), idle: 1);
        CheckPool(_benchRuntime.GetFunction("bench:compute_static"), idle: 1);
        CheckPool(_benchRuntime.GetFunction("bench:compute_adaptive"), idle: 1);
        CheckPool(_benchRuntime.GetFunction("bench:compute_inline"), idle: 0);
        CheckPool(_benchRuntime.GetFunction("bench:transform_inline"), idle: 0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _benchRuntime.Dispose();
        _pooledRuntime.Dispose();
        _nothingResidentRuntime.Dispose();
        _sampleRuntime.Dispose();
        _store.Dispose();
        _componentLinker.Dispose();
        _mapper.Dispose();
        _linker.Dispose();
        _computeModule.Dispose();
        _engine.Dispose();
    }

    // ---- compute-warm: one warm instance, one caller ----

    /// <summary>The floor: Wasmtime.Dotnet <c>WrapFunc&lt;int, int, int&gt;</c> on one instance kept for the run.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("compute-warm")]
    public int Compute_Floor_WrapFunc() => _floorCompute(A, B);

    /// <summary><c>myns:compute</c>: lazy, max_size 4.</summary>
    [Benchmark]
    [BenchmarkCategory("compute-warm")]
    public int Compute_Lazy() => _myns.Compute(A, B);

    /// <summary><c>bench:compute_static</c>: static, 2 workers.</summary>
    [Benchmark]
    [BenchmarkCategory("compute-warm")]
    public int Compute_Static() => _bench.ComputeStatic(A, B);

    /// <summary><c>bench:compute_adaptive</c>: adaptive, max_size 4.</summary>
    [Benchmark]
    [BenchmarkCategory("compute-warm")]
    public int Compute_Adaptive() => _bench.ComputeAdaptive(A, B);

    // ---- compute-inline: a fresh instance per call ----

    /// <summary>The floor: Wasmtime.Dotnet <c>new Store</c> + <c>Linker.Instantiate</c> + <c>GetFunction</c> + call + <c>Store.Dispose</c>.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("compute-inline")]
    public int Inline_Floor_InstantiateCall()
    {
        using var store = new Wasmtime.Store(_engine);
        var compute = _linker.Instantiate(store, _computeModule).GetFunction<int, int, int>("compute")
            ?? throw new InvalidOperationException("compute is not (i32, i32) -> i32");
        return compute(A, B);
    }

    /// <summary><c>bench:compute_inline</c>: pool type inline (fresh instance, dropped after the call).</summary>
    [Benchmark]
    [BenchmarkCategory("compute-inline")]
    public int Inline_Proxy() => _bench.ComputeInline(A, B);

    /// <summary>Diagnostic: <c>bench:compute_inline</c> on a runtime with the pooling allocator (<c>WippyRuntimeOptions.PoolingAllocator</c>).</summary>
    [Benchmark]
    [BenchmarkCategory("compute-inline")]
    public int Inline_Proxy_PoolingAllocator() => _pooledBench.ComputeInline(A, B);

    /// <summary><c>bench:compute_inline</c> with the pooling allocator keeping nothing resident (Wasmtime's default).</summary>
    [Benchmark]
    [BenchmarkCategory("compute-inline")]
    public int Inline_Proxy_PoolingNothingResident() => _nothingResidentBench.ComputeInline(A, B);

    // ---- transform-users over 100 users ----

    /// <summary>The floor: <c>ComponentFunction.Call(list&lt;record&gt;)</c> on one instance kept for the run.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("transform-users")]
    public ComponentValue Transform_Floor_ComponentCall() => _floorTransform.Call(_transformArguments)!;

    /// <summary><c>myns:transform_users</c>: lazy, max_size 4.</summary>
    [Benchmark]
    [BenchmarkCategory("transform-users")]
    public MynsUserOutput[] Transform_Lazy() => _myns.TransformUsers(_mynsUsers);

    /// <summary><c>bench:transform_static</c>: static, 2 workers.</summary>
    [Benchmark]
    [BenchmarkCategory("transform-users")]
    public BenchUserOutput[] Transform_Static() => _bench.TransformStatic(_benchUsers);

    /// <summary><c>bench:transform_adaptive</c>: adaptive, max_size 4.</summary>
    [Benchmark]
    [BenchmarkCategory("transform-users")]
    public BenchUserOutput[] Transform_Adaptive() => _bench.TransformAdaptive(_benchUsers);

    /// <summary><c>bench:transform_inline</c>: inline (instantiates mapper's core module per call; the floor does not).</summary>
    [Benchmark]
    [BenchmarkCategory("transform-users")]
    public BenchUserOutput[] Transform_Inline() => _bench.TransformInline(_benchUsers);

    /// <summary><c>bench:transform_inline</c> on the runtime with the pooling allocator.</summary>
    [Benchmark]
    [BenchmarkCategory("transform-users")]
    public BenchUserOutput[] Transform_Inline_PoolingAllocator() => _pooledBench.TransformInline(_benchUsers);

    /// <summary><c>bench:transform_inline</c> with the pooling allocator keeping nothing resident (Wasmtime's default).</summary>
    [Benchmark]
    [BenchmarkCategory("transform-users")]
    public BenchUserOutput[] Transform_Inline_PoolingNothingResident() => _nothingResidentBench.TransformInline(_benchUsers);

    private static MynsUserOutput[] ToMyns(BenchUserOutput[] result) =>
        result.Select(o => new MynsUserOutput(o.Id, o.Display, o.TagCount)).ToArray();

    private static void CheckCompute(int value, string path)
    {
        if (value != Product) throw new InvalidOperationException($"{path}: compute({A}, {B}) returned {value}, expected {Product}");
    }

    private void CheckTransform(MynsUserOutput[] result, string path)
    {
        if (result.Length != ComponentBenchmarks.UserCount) throw new InvalidOperationException($"{path}: transform-users returned {result.Length} users, expected {ComponentBenchmarks.UserCount}");
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] != _expected[i]) throw new InvalidOperationException($"{path}: user {i + 1} became {result[i]}, expected {_expected[i]}");
        }
    }

    private static void CheckPool(FunctionHandle handle, int idle)
    {
        if (handle.Busy != 0 || handle.Queued != 0 || handle.Idle != idle)
        {
            throw new InvalidOperationException($"{handle.Id}: after the calls Busy = {handle.Busy}, Queued = {handle.Queued}, Idle = {handle.Idle}; expected 0, 0, {idle}");
        }
    }
}
