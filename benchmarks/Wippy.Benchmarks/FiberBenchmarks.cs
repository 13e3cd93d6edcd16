using BenchmarkDotNet.Attributes;
using Wippy.Benchmarks.Bench;
using Wippy.Host.Execution;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Benchmarks;

/// <summary>
/// What running a call on a fiber costs, warm, one store kept for the run: tests/guests/components/fiber's
/// <c>churns(1)</c> (one call of a C# host function) and <c>waits(1)</c> (one call of an async host function that
/// answers at once: the continuation path without a suspension).
/// The floor: the same export through <c>wasmtime_component_func_call</c> on a store whose host functions are all
/// ordinary. Ours: <c>wasmtime_component_func_call_async</c> polled to completion (<see cref="FiberCalls.Run"/>),
/// on a store linked with <c>wait</c> as an async host function (such a store may only be called that way).
/// </summary>
[MemoryDiagnoser]
public class FiberBenchmarks
{
    private WasmEngine _engine = null!;
    private WasmComponent _component = null!;
    private WasmComponentLinker _syncLinker = null!;
    private WasmComponentLinker _asyncLinker = null!;
    private WasmStore _syncStore = null!;
    private WasmStore _asyncStore = null!;
    private WasmComponentFunction _syncChurns;
    private WasmComponentFunction _asyncChurns;
    private WasmComponentFunction _asyncWaits;
    private readonly ComponentVal[] _one = [ComponentVal.U32(1)];
    private readonly ComponentVal[] _result = new ComponentVal[1];

    [GlobalSetup]
    public void Setup()
    {
        _engine = new WasmEngine();
        _component = WasmComponent.FromBytes(_engine, BenchRegistry.ReadFiberComponent());
        ComponentContextFunction churn = (_, args, results) => results[0] = ComponentVal.U32(args[0].AsU32() + 1);

        _syncLinker = new WasmComponentLinker(_engine);
        _syncLinker.DefineInstance("wippy:fiber-test/host", [], [new("churn", churn), new("wait", (_, args, results) => results[0] = args[0])]);
        _syncStore = new WasmStore(_engine);
        _syncChurns = _syncLinker.Instantiate(_syncStore, _component).GetFunction("churns");

        _asyncLinker = new WasmComponentLinker(_engine);
        _asyncLinker.DefineInstance("wippy:fiber-test/host", [], [new("churn", churn)],
            [new("wait", (_, args, results) =>
            {
                results[0] = args[0]; // answers at once: the async function's path without a wait
                return null;
            })]);
        _asyncStore = new WasmStore(_engine);
        using var start = _asyncLinker.StartInstantiate(_asyncStore, _component);
        FiberCalls.Run(start, watch: null);
        var instance = new WasmComponentInstance(_asyncStore, _component, start.TakeInstance());
        _asyncChurns = instance.GetFunction("churns");
        _asyncWaits = instance.GetFunction("waits");
        if (ChurnsOnFiber() != 1 || WaitsOnFiber() != 0 || ChurnsDirect() != 1) throw new InvalidOperationException("wrong answers");
    }

    [Benchmark(Baseline = true)]
    public uint ChurnsDirect()
    {
        _syncChurns.Call(_one, _result);
        return _result[0].AsU32();
    }

    [Benchmark]
    public uint ChurnsOnFiber() => OnFiber(_asyncChurns);

    [Benchmark]
    public uint WaitsOnFiber() => OnFiber(_asyncWaits);

    private uint OnFiber(in WasmComponentFunction function)
    {
        using var future = WasmCallFuture.StartCall(function, _one);
        FiberCalls.Run(future, watch: null);
        future.TakeResults(_result);
        return _result[0].AsU32();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _syncStore.Dispose();
        _asyncStore.Dispose();
        _syncLinker.Dispose();
        _asyncLinker.Dispose();
        _component.Dispose();
        _engine.Dispose();
    }
}
