using Wippy.Host.Execution;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.FiberSoundness;

/// <summary>
/// tests/guests/components/fiber/fiber.wasm linked with its two host functions: <c>wait</c> as an async host function
/// (what it waits for is up to the scenario) and <c>churn</c> as an ordinary one. Every call gets a fresh store.
/// </summary>
internal sealed class FiberGuest : IDisposable
{
    private readonly WasmEngine _engine;
    private readonly WasmComponent _component;
    private readonly WasmComponentLinker _linker;

    /// <param name="wasmPath">Path of fiber.wasm.</param>
    /// <param name="wait">What <c>wait(id)</c> waits for, and its answer once that is done.</param>
    /// <param name="churn">What <c>churn(n)</c> does; returns its answer.</param>
    public FiberGuest(string wasmPath, Func<uint, (Task Ready, Func<uint> Answer)> wait, Func<uint, uint> churn)
    {
        _engine = new WasmEngine(new WasmEngineOptions { WasmtimeFiberStacks = WasmtimeStacks });
        _component = WasmComponent.FromBytes(_engine, File.ReadAllBytes(wasmPath));
        _linker = new WasmComponentLinker(_engine);
        _linker.DefineInstance(
            "wippy:fiber-test/host",
            [],
            [new("churn", (_, args, results) => results[0] = ComponentVal.U32(churn(args[0].AsU32())))],
            [new("wait", (_, args, _) =>
            {
                var (ready, answer) = wait(args[0].AsU32());
                return new ComponentPending(ready, (_, results) =>
                {
                    results[0] = ComponentVal.U32(answer());
                    return null;
                });
            })]);
    }

    /// <summary>Run on the stacks Wasmtime maps itself (the program's <c>--wasmtime-stacks</c>): shows why the host allocates them.</summary>
    public static bool WasmtimeStacks { get; set; }

    /// <summary>Instantiates the guest in a new store (on a fiber: it imports an async function).</summary>
    public async Task<(WasmStore Store, WasmComponentInstance Instance)> InstantiateAsync()
    {
        var store = new WasmStore(_engine);
        using var future = _linker.StartInstantiate(store, _component);
        await FiberCalls.RunAsync(future, watch: null).ConfigureAwait(false);
        return (store, new WasmComponentInstance(store, _component, future.TakeInstance()));
    }

    /// <summary>Starts <c>export(arg)</c> in a new store without polling it.</summary>
    public async Task<(WasmStore Store, WasmCallFuture Future)> StartAsync(string export, uint arg)
    {
        var (store, instance) = await InstantiateAsync().ConfigureAwait(false);
        return (store, WasmCallFuture.StartCall(instance.GetFunction(export), [ComponentVal.U32(arg)]));
    }

    /// <summary>Calls <c>export(arg)</c> in a new store, polling on whatever thread completes each wait.</summary>
    public async Task<uint> CallAsync(string export, uint arg)
    {
        var (store, future) = await StartAsync(export, arg).ConfigureAwait(false);
        using (store)
        using (future)
        {
            await FiberCalls.RunAsync(future, watch: null).ConfigureAwait(false);
            return TakeU32(future);
        }
    }

    /// <summary>The u32 result of a completed future.</summary>
    public static uint TakeU32(WasmCallFuture future)
    {
        Span<ComponentVal> results = stackalloc ComponentVal[1];
        future.TakeResults(results);
        return results[0].AsU32();
    }

    public void Dispose()
    {
        _linker.Dispose();
        _component.Dispose();
        _engine.Dispose();
    }
}
