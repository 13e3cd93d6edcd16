using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Wippy.Benchmarks.Bench;
using Wippy.Host;
using Wippy.Host.Lua;

namespace Wippy.Benchmarks;

/// <summary>
/// What <c>funcs.call("bench:compute", 6, 7)</c> from Lua adds to the call (target: at most 200 ns; docs/lua.md#cost). Each benchmark
/// makes 1000 calls of compute(6, 7) = 42 (<c>OperationsPerInvoke</c>, so the figures are per call):
/// <list type="bullet">
/// <item>the floor: Wasmtime.Dotnet's typed <c>WrapFunc</c> on one instance kept for the run;</item>
/// <item>the generated C# proxy (<c>BenchFunctions.Compute</c>; the lazy pool of the sample's myns:compute);</item>
/// <item>a function.lua entry looping over <c>funcs.call</c> to the same entry (one Lua call from C# per 1000);</item>
/// <item>the same Lua loop without the call, for the loop's own cost.</item>
/// </list>
/// Added by funcs.call = Lua_FuncsCall − CSharp_Proxy.
/// </summary>
[MemoryDiagnoser]
public class LuaBenchmarks
{
    private const int Calls = 1000;

    private WippyRuntime _runtime = null!;
    private BenchFunctions _bench = null!;
    private LuaFunctionHandle _loop = null!;
    private LuaFunctionHandle _emptyLoop = null!;
    private JsonDocument _count = null!;
    private JsonElement[] _args = null!;
    private readonly MemoryStream _output = new();
    private Utf8JsonWriter _writer = null!;

    private Wasmtime.Engine _engine = null!;
    private Wasmtime.Module _module = null!;
    private Wasmtime.Linker _linker = null!;
    private Wasmtime.Store _store = null!;
    private Func<int, int, int> _floor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = BenchRegistry.CreateRuntime();
        _bench = new BenchFunctions(_runtime);
        _loop = _runtime.GetLuaFunction("bench:lua_loop");
        _emptyLoop = _runtime.GetLuaFunction("bench:lua_empty_loop");
        _count = JsonDocument.Parse(Calls.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _args = [_count.RootElement];
        _writer = new Utf8JsonWriter(_output);

        var bytes = SampleRegistry.ReadWasm("compute.wasm");
        _engine = new Wasmtime.Engine();
        _module = Wasmtime.Module.FromBytes(_engine, "compute", bytes);
        _linker = new Wasmtime.Linker(_engine);
        _store = new Wasmtime.Store(_engine);
        _floor = _linker.Instantiate(_store, _module).GetFunction("compute")?.WrapFunc<int, int, int>()
            ?? throw new InvalidOperationException("compute is not (i32, i32) -> i32");

        Check(Floor_WasmtimeDotnet(), "floor");
        Check(CSharp_Proxy(), "proxy");
        Check(Lua_FuncsCall(), "Lua funcs.call");
        Check(Lua_EmptyLoop(), "Lua empty loop");
    }

    private static void Check(long sum, string what)
    {
        if (sum != 42L * Calls) throw new InvalidOperationException($"{what}: expected {42L * Calls}, got {sum}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _count.Dispose();
        _writer.Dispose();
        _store.Dispose();
        _linker.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }

    /// <summary>The floor: Wasmtime.Dotnet, <c>WrapFunc&lt;int, int, int&gt;</c>.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public long Floor_WasmtimeDotnet()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++) sum += _floor(6, 7);
        return sum;
    }

    /// <summary>The generated C# proxy.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public long CSharp_Proxy()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++) sum += _bench.Compute(6, 7);
        return sum;
    }

    /// <summary><c>funcs.call("bench:compute", 6, 7)</c> from Lua, 1000 times in one Lua call.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public long Lua_FuncsCall() => Run(_loop);

    /// <summary>The Lua loop alone.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public long Lua_EmptyLoop() => Run(_emptyLoop);

    private long Run(LuaFunctionHandle function)
    {
        _output.SetLength(0);
        _writer.Reset(_output);
        function.CallJson(_args, _writer);
        _writer.Flush();
        return JsonDocument.Parse(_output.ToArray()).RootElement.GetInt64();
    }
}
