using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Wasmtime.Components;
using Wippy.Benchmarks.Bench;
using Wippy.Host;
using Wippy.Samples.Registry.Myns;
// The bench registry generates its own UserRecord/UserOutput (Wippy.Benchmarks.Bench); these are the sample's.
using UserOutput = Wippy.Samples.Registry.Myns.UserOutput;
using UserRecord = Wippy.Samples.Registry.Myns.UserRecord;

namespace Wippy.Benchmarks;

/// <summary>
/// Calls into WebAssembly <b>components</b>, warm, in two categories, each with its own floor (the <c>Baseline</c>):
/// Wasmtime.Dotnet's managed component API (<c>Component</c> → <c>ComponentLinker.Instantiate</c> →
/// <c>ComponentInstance.GetFunction</c> → <c>ComponentFunction.Call</c> with <c>ComponentValue</c>s), one store and
/// instance kept for the whole run.
/// <list type="bullet">
/// <item><c>add</c>: <c>add: func(a: s32, b: s32) -> s32</c>, the top-level export of tests/guests/components/echo/echo.wasm,
/// called with (2, 3); the proxy is <c>bench:add</c> of this project's own registry.</item>
/// <item><c>transform-users</c>: <c>myns:transform_users</c> of the sample (samples/registry/wasm/mapper.wasm) over 100 users.</item>
/// <item><c>wasi-component</c>: <c>get-cwd: func() -> string</c> of tests/guests/wasi/probe.wasm (C + wasi-libc through the
/// preview1 adapter), a component that imports WASI: the floor links Wasmtime's WASI (<c>AddWasiPreview2</c>); the
/// proxy is <c>bench:probe_cwd</c> on the host's own WASI.</item>
/// <item><c>calculator</c>: the shape of the reference runtime's calculator.wasm, a component importing a host
/// interface and WASI (tests/guests/wasi/calculator): <c>calculate(6, 7)</c> = 6 × <c>host.factor()</c> + 7 = 25 with
/// factor 3 from C#. The floor defines <c>factor</c> with <c>ComponentLinkerInstance.DefineFunction</c> and links
/// Wasmtime's WASI; the proxy is <c>bench:calculate</c> with <see cref="BenchCalculatorHost"/> registered as the
/// generated <c>ICalculatorHost</c>, on the host's own WASI.</item>
/// </list>
/// The proxy does not go through the component model's call path: the host instantiates the component's embedded
/// core module and the generated code does the Canonical ABI (lowering, <c>cabi_realloc</c>, lifting, post-return).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ComponentBenchmarks
{
    public const int UserCount = 100;
    private const int A = 2, B = 3, Sum = 5;

    private WippyRuntime _benchRuntime = null!;
    private WippyRuntime _sampleRuntime = null!;
    private BenchFunctions _bench = null!;
    private MynsFunctions _myns = null!;
    private UserRecord[] _users = null!;
    private UserOutput[] _expected = null!;

    private Wasmtime.Engine _engine = null!;
    private Component _echo = null!;
    private Component _mapper = null!;
    private ComponentLinker _linker = null!;
    private Wasmtime.Store _store = null!;
    private ComponentFunction _floorAdd = null!;
    private ComponentFunction _floorTransform = null!;
    private ComponentValue[] _addArguments = null!;
    private ComponentValue[] _transformArguments = null!;
    private Component _probe = null!;
    private ComponentLinker _wasiLinker = null!;
    private Wasmtime.Store _wasiStore = null!;
    private ComponentFunction _floorGetCwd = null!;
    private readonly ComponentValue[] _noArguments = [];
    private Component _calculator = null!;
    private ComponentLinker _calculatorLinker = null!;
    private Wasmtime.Store _calculatorStore = null!;
    private ComponentFunction _floorCalculate = null!;
    private ComponentValue[] _calculateArguments = null!;
    private WippyRuntime _calculatorRuntime = null!;
    private WippyRuntime _pooledCalculatorRuntime = null!;
    private BenchFunctions _pooledCalculatorBench = null!;
    private Component _runComponent = null!;
    private ComponentLinker _runLinker = null!;
    private Wasmtime.Store _runStore = null!;
    private ComponentFunction _floorRun = null!;
    private readonly ComponentValue[] _runArguments = [ComponentValue.S32(5)];
    private Wippy.Host.Native.WasmEngine _planEngine = null!;
    private Wippy.Host.Native.WasmStore _planStore = null!;
    private List<Wippy.Host.Native.WasmModule> _planModules = null!;
    private Wippy.Host.Native.WasmFunction _planRun;
    private BenchFunctions _calculatorBench = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Wippy: one runtime per registry, each from its own generated manifest.
        _benchRuntime = BenchRegistry.CreateRuntime();
        _bench = new BenchFunctions(_benchRuntime);
        _sampleRuntime = SampleRegistry.CreateRuntime();
        _myns = new MynsFunctions(_sampleRuntime);
        _users = CreateUsers();
        _expected = _users.Select(u => new UserOutput(u.Id, $"{u.Name} [{string.Join(", ", u.Tags)}]", (uint)u.Tags.Length)).ToArray();

        // The floor: Wasmtime.Dotnet's component API over the same two components, one store for both instances.
        _engine = new Wasmtime.Engine();
        _echo = Component.FromBytes(_engine, BenchRegistry.ReadEchoComponent());
        _mapper = Component.FromBytes(_engine, SampleRegistry.ReadWasm("mapper.wasm"));
        _linker = new ComponentLinker(_engine);
        _store = new Wasmtime.Store(_engine);
        _floorAdd = _linker.Instantiate(_store, _echo).GetFunction("add")
            ?? throw new InvalidOperationException("echo.wasm does not export add");
        _floorTransform = _linker.Instantiate(_store, _mapper).GetFunction("transform-users")
            ?? throw new InvalidOperationException("mapper.wasm does not export transform-users");

        // A component importing WASI, on Wasmtime's own WASI, in a store of its own (WASI needs the store's configuration).
        _probe = Component.FromBytes(_engine, BenchRegistry.ReadProbeComponent());
        _wasiLinker = new ComponentLinker(_engine);
        _wasiLinker.AddWasiPreview2();
        _wasiStore = new Wasmtime.Store(_engine);
        _wasiStore.SetWasiConfiguration(new Wasmtime.WasiConfiguration());
        _floorGetCwd = _wasiLinker.Instantiate(_wasiStore, _probe).GetFunction("get-cwd")
            ?? throw new InvalidOperationException("probe.wasm does not export get-cwd");

        // The calculator: its host import in C# on both sides (factor 3), WASI from Wasmtime on the floor's.
        _calculator = Component.FromBytes(_engine, BenchRegistry.ReadCalculatorComponent());
        _calculatorLinker = new ComponentLinker(_engine);
        _calculatorLinker.AddWasiPreview2();
        using (var root = _calculatorLinker.Root())
        using (var host = root.AddInstance("wippy:calculator/host"))
        {
            host.DefineFunction("factor", (_, results) => results[0] = ComponentValue.S32(BenchCalculatorHost.FactorValue));
        }
        _calculatorStore = new Wasmtime.Store(_engine);
        _calculatorStore.SetWasiConfiguration(new Wasmtime.WasiConfiguration());
        _floorCalculate = _calculatorLinker.Instantiate(_calculatorStore, _calculator).GetFunction("calculate")
            ?? throw new InvalidOperationException("calculator.wasm does not export calculate");
        _calculateArguments = [ComponentValue.S32(6), ComponentValue.S32(7)];
        _calculatorRuntime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions
        {
            RegistryRoot = BenchRegistry.Root,
            Services = new ServiceCollection()
                .AddSingleton<ICalculatorHost, BenchCalculatorHost>()
                .AddSingleton<IMinimalHost, BenchMinimalHost>().BuildServiceProvider(),
        });
        _calculatorBench = new BenchFunctions(_calculatorRuntime);
        // Diagnostic: the same on an engine with Wasmtime's pooling allocator (memory slots reused, not mapped per instance).
        _pooledCalculatorRuntime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions
        {
            RegistryRoot = BenchRegistry.Root,
            PoolingAllocator = new Wippy.Host.WasmPoolingAllocator(),
            Services = new ServiceCollection()
                .AddSingleton<ICalculatorHost, BenchCalculatorHost>()
                .AddSingleton<IMinimalHost, BenchMinimalHost>().BuildServiceProvider(),
        });
        _pooledCalculatorBench = new BenchFunctions(_pooledCalculatorRuntime);

        // A scalar host import (run.wasm): boxed on the floor's side, through the component model and from its core plan on ours.
        var runBytes = BenchRegistry.ReadRunComponent();
        _runComponent = Component.FromBytes(_engine, runBytes);
        _runLinker = new ComponentLinker(_engine);
        using (var root = _runLinker.Root())
        using (var host = root.AddInstance("test:minimal/host"))
        {
            host.DefineFunction("add", (args, results) => results[0] = ComponentValue.S32(args[0].AsS32() + args[1].AsS32()));
        }
        _runStore = new Wasmtime.Store(_engine);
        _floorRun = _runLinker.Instantiate(_runStore, _runComponent).GetFunction("run")
            ?? throw new InvalidOperationException("run.wasm does not export run");
        var binary = Wippy.Modules.Components.ComponentBinaryReader.Read(runBytes).Component!;
        _planEngine = new Wippy.Host.Native.WasmEngine();
        _planModules = binary.CoreModules.Select(m => Wippy.Host.Native.WasmModule.FromBytes(_planEngine, m)).ToList();
        _planStore = new Wippy.Host.Native.WasmStore(_planEngine);
        var planned = Wippy.Host.Native.CorePlanInstantiator.Instantiate(_planStore, binary.CorePlan, _planModules,
            _ => slots => slots[0].I32 = BenchMinimalHost.Add(slots[0].I32, slots[1].I32));
        if (!planned.Values.Single().TryGetFunction("run", out _planRun)) throw new InvalidOperationException("run.wasm's core module exports no run");

        // The floor's arguments are built once, as the proxy's users array is: each op measures the call alone.
        _addArguments = [ComponentValue.S32(A), ComponentValue.S32(B)];
        _transformArguments = [ToComponentValue(_users)];

        // Warm, and check every row before anything is measured (twice: a second call must work on a reused instance).
        for (var i = 0; i < 2; i++)
        {
            CheckAdd(WasmtimeDotnet_Add());
            CheckAdd(Proxy_Add());
            CheckAdd(ProxyComponentModel_Add());
            CheckAdd(ProxyComponentModel_AddAsync().AsTask().GetAwaiter().GetResult());
            CheckAdd(ProxyDirect_AddWithImport());
            CheckTransform(FromComponentValue(WasmtimeDotnet_TransformUsers()), "ComponentFunction.Call");
            CheckTransform(Proxy_TransformUsers(), "MynsFunctions.TransformUsers");
            if (WasmtimeDotnet_HostImportRun() != 12 || Proxy_HostImportRun() != 12 || ProxyComponentModel_HostImportRun() != 12 || CorePlan_HostImportRun() != 12)
            {
                throw new InvalidOperationException($"run(5): expected 12 on every path, got {WasmtimeDotnet_HostImportRun()}, {Proxy_HostImportRun()} and {CorePlan_HostImportRun()}");
            }
            if (WasmtimeDotnet_CalculateFresh() != 25 || Proxy_CalculateFresh() != 25 || ProxyComponentModel_CalculateFresh() != 25
                || Proxy_CalculateFresh_PoolingAllocator() != 25)
            {
                throw new InvalidOperationException("calculate(6, 7) on fresh instances: expected 25 on every path");
            }
            if (WasmtimeDotnet_Calculate() != 25 || Proxy_Calculate() != 25 || ProxyComponentModel_Calculate() != 25)
            {
                throw new InvalidOperationException($"calculate(6, 7): expected 25 on every path, got {WasmtimeDotnet_Calculate()}, {Proxy_Calculate()} and {ProxyComponentModel_Calculate()}");
            }
            if (WasmtimeDotnet_WasiGetCwd() != "/" || Proxy_WasiGetCwd() != "/" || ProxyComponentModel_WasiGetCwd() != "/")
            {
                throw new InvalidOperationException($"get-cwd: expected \"/\" on every path, got \"{WasmtimeDotnet_WasiGetCwd()}\", \"{Proxy_WasiGetCwd()}\" and \"{ProxyComponentModel_WasiGetCwd()}\"");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _benchRuntime.Dispose();
        _sampleRuntime.Dispose();
        _store.Dispose();
        _linker.Dispose();
        _calculatorRuntime.Dispose();
        _pooledCalculatorRuntime.Dispose();
        _runStore.Dispose();
        _runLinker.Dispose();
        _runComponent.Dispose();
        _planStore.Dispose();
        foreach (var module in _planModules) module.Dispose();
        _planEngine.Dispose();
        _calculatorStore.Dispose();
        _calculatorLinker.Dispose();
        _calculator.Dispose();
        _wasiStore.Dispose();
        _wasiLinker.Dispose();
        _probe.Dispose();
        _mapper.Dispose();
        _echo.Dispose();
        _engine.Dispose();
    }

    /// <summary>The floor: <c>ComponentFunction.Call(S32(2), S32(3))</c>, result read with <c>AsS32</c>.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("add")]
    public int WasmtimeDotnet_Add() => _floorAdd.Call(_addArguments)!.AsS32();

    /// <summary>The generated proxy (sync) of <c>bench:add</c>.</summary>
    [Benchmark]
    [BenchmarkCategory("add")]
    public int Proxy_Add() => _bench.Add(A, B);

    /// <summary>
    /// The proxy of the same <c>add</c> in echo-import.wasm (echo.wasm plus an unused import), called directly: its core
    /// plan wired by the host, the import lowered by generated code.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("add")]
    public int ProxyDirect_AddWithImport() => _bench.AddWithImport(A, B);

    /// <summary>
    /// The same, through Wasmtime's component model (<c>call_path: component-model</c>: <c>wasmtime_component_func_call</c>
    /// with generated ComponentVal code).
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("add")]
    public int ProxyComponentModel_Add() => _bench.AddViaComponentModel(A, B);

    /// <summary>The same through the async proxy (completes synchronously on a warm instance; awaited by BenchmarkDotNet).</summary>
    [Benchmark]
    [BenchmarkCategory("add")]
    public ValueTask<int> ProxyComponentModel_AddAsync() => _bench.AddViaComponentModelAsync(A, B);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("transform-users")]
    public ComponentValue WasmtimeDotnet_TransformUsers() => _floorTransform.Call(_transformArguments)!;

    /// <summary>The generated proxy (sync) of <c>myns:transform_users</c>: <c>UserRecord[]</c> in, <c>UserOutput[]</c> out.</summary>
    [Benchmark]
    [BenchmarkCategory("transform-users")]
    public UserOutput[] Proxy_TransformUsers() => _myns.TransformUsers(_users);

    /// <summary>The floor: <c>ComponentFunction.Call()</c> of <c>get-cwd</c> on Wasmtime's WASI, the string read with <c>AsString</c>.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("wasi-component")]
    public string WasmtimeDotnet_WasiGetCwd() => _floorGetCwd.Call(_noArguments)!.AsString();

    /// <summary>The generated proxy (sync) of <c>bench:probe_cwd</c>: planned, the host's own WASI lowered at core level.</summary>
    [Benchmark]
    [BenchmarkCategory("wasi-component")]
    public string Proxy_WasiGetCwd() => _bench.ProbeCwd();

    /// <summary>The same through Wasmtime's component model (<c>bench:probe_cwd_cm</c>), the host's own WASI.</summary>
    [Benchmark]
    [BenchmarkCategory("wasi-component")]
    public string ProxyComponentModel_WasiGetCwd() => _bench.ProbeCwdCm();

    /// <summary>The floor: <c>ComponentFunction.Call(S32(5))</c> of run.wasm, its import a C# callback.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("host-import")]
    public int WasmtimeDotnet_HostImportRun() => _floorRun.Call(_runArguments)!.AsS32();

    /// <summary>The generated proxy (sync) of <c>bench:run_host_import</c>: called directly, <c>add</c> in C# through its generated core adapter.</summary>
    [Benchmark]
    [BenchmarkCategory("host-import")]
    public int Proxy_HostImportRun() => _calculatorBench.RunHostImport(5);

    /// <summary>The same through Wasmtime's component model (<c>bench:run_host_import_cm</c>, <c>call_path: component-model</c>).</summary>
    [Benchmark]
    [BenchmarkCategory("host-import")]
    public int ProxyComponentModel_HostImportRun() => _calculatorBench.RunHostImportCm(5);

    /// <summary>
    /// Preview of the direct path: run.wasm made from its core plan, <c>add</c> a C# host function over raw values, the core
    /// <c>run</c> called with <c>CallUnchecked</c> (no pool, no limits: the floor of what the direct path can reach).
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("host-import")]
    public int CorePlan_HostImportRun()
    {
        Span<Wippy.Host.GeneratedCode.ValueRaw> slots = stackalloc Wippy.Host.GeneratedCode.ValueRaw[1];
        slots[0].I32 = 5;
        _planRun.CallUnchecked(slots);
        return slots[0].I32;
    }

    /// <summary>The floor: <c>ComponentFunction.Call(S32(6), S32(7))</c> of the calculator, its import a C# callback, WASI Wasmtime's.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("calculator")]
    public int WasmtimeDotnet_Calculate() => _floorCalculate.Call(_calculateArguments)!.AsS32();

    /// <summary>The generated proxy (sync) of <c>bench:calculate</c>, planned: its import the generated <c>IHost</c> in C#, WASI the host's own at core level.</summary>
    [Benchmark]
    [BenchmarkCategory("calculator")]
    public int Proxy_Calculate() => _calculatorBench.Calculate(6, 7);

    /// <summary>
    /// The floor of a fresh instance: per op a new <c>Store</c> with a <c>WasiConfiguration</c>, <c>ComponentLinker.Instantiate</c>
    /// of the calculator (the linker and component made once), one boxed call, <c>Store.Dispose</c>.
    /// </summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("calculator-fresh")]
    public int WasmtimeDotnet_CalculateFresh()
    {
        using var store = new Wasmtime.Store(_engine);
        store.SetWasiConfiguration(new Wasmtime.WasiConfiguration());
        var calculate = _calculatorLinker.Instantiate(store, _calculator).GetFunction("calculate")!;
        return calculate.Call(_calculateArguments)!.AsS32();
    }

    /// <summary><c>bench:calculate_inline</c> (pool inline, planned): its core modules instantiated in a new store per call.</summary>
    [Benchmark]
    [BenchmarkCategory("calculator-fresh")]
    public int Proxy_CalculateFresh() => _calculatorBench.CalculateInline(6, 7);

    /// <summary>Diagnostic: <c>bench:calculate_inline</c> on a runtime with the pooling allocator (<c>WippyRuntimeOptions.PoolingAllocator</c>).</summary>
    [Benchmark]
    [BenchmarkCategory("calculator-fresh")]
    public int Proxy_CalculateFresh_PoolingAllocator() => _pooledCalculatorBench.CalculateInline(6, 7);

    /// <summary><c>bench:calculate_inline_cm</c> (pool inline, through the component model): a component instance per call.</summary>
    [Benchmark]
    [BenchmarkCategory("calculator-fresh")]
    public int ProxyComponentModel_CalculateFresh() => _calculatorBench.CalculateInlineCm(6, 7);

    /// <summary>The same through Wasmtime's component model (<c>bench:calculate_cm</c>: on a fiber, since its WASI has blocking writes).</summary>
    [Benchmark]
    [BenchmarkCategory("calculator")]
    public int ProxyComponentModel_Calculate() => _calculatorBench.CalculateCm(6, 7);

    /// <summary>Users 1..100: name "User&lt;i&gt;", 2 or 3 tags, active on odd ids.</summary>
    internal static UserRecord[] CreateUsers()
    {
        var users = new UserRecord[UserCount];
        for (var i = 1; i <= UserCount; i++)
        {
            string[] tags = i % 3 == 0 ? [$"team{i % 4}", "dev", "lead"] : [$"team{i % 4}", "dev"];
            users[i - 1] = new UserRecord((uint)i, $"User{i}", tags, i % 2 == 1);
        }
        return users;
    }

    /// <summary>The same users as the ComponentValue tree the floor passes: a list of records, fields in WIT order.</summary>
    internal static ComponentValue ToComponentValue(UserRecord[] users) =>
        ComponentValue.List(users.Select(u => ComponentValue.Record(
        [
            new("id", ComponentValue.U32(u.Id)),
            new("name", ComponentValue.String(u.Name)),
            new("tags", ComponentValue.List(u.Tags.Select(ComponentValue.String).ToArray())),
            new("active", ComponentValue.Bool(u.Active)),
        ])).ToArray());

    internal static UserOutput[] FromComponentValue(ComponentValue list) =>
        list.AsList().Select(r => new UserOutput(r.Field("id").AsU32(), r.Field("display").AsString(), r.Field("tag-count").AsU32())).ToArray();

    private static void CheckAdd(int value)
    {
        if (value != Sum) throw new InvalidOperationException($"add({A}, {B}) returned {value}, expected {Sum}");
    }

    private void CheckTransform(UserOutput[] result, string path)
    {
        if (result.Length != UserCount) throw new InvalidOperationException($"{path}: transform-users returned {result.Length} users, expected {UserCount}");
        var first = new UserOutput(1, "User1 [team1, dev]", 2);
        if (result[0] != first) throw new InvalidOperationException($"{path}: user 1 became {result[0]}, expected {first}");
        for (var i = 0; i < UserCount; i++)
        {
            if (result[i] != _expected[i]) throw new InvalidOperationException($"{path}: user {i + 1} became {result[i]}, expected {_expected[i]}");
        }
    }
}

/// <summary>The calculator's host interface (<c>wippy:calculator/host</c>) in C#: the factor is 3.</summary>
internal sealed class BenchCalculatorHost : ICalculatorHost
{
    public const int FactorValue = 3;

    public int Factor() => FactorValue;
}

/// <summary>run.wasm's host interface (<c>test:minimal/host</c>) in C#.</summary>
internal sealed class BenchMinimalHost : IMinimalHost
{
    public static int Add(int a, int b) => unchecked(a + b);

    int IMinimalHost.Add(int a, int b) => Add(a, b);
}
