using System.Diagnostics;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Native.Components;

/// <summary>Measures (does not assert) the cost of a component call through this binding.</summary>
public sealed class ComponentCallCostTests(ITestOutputHelper output)
{
    [Fact]
    public void Measure_time_per_call()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.Kitchen);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);
        WasmComponentInstance instance = linker.Instantiate(store, component);
        WasmComponentFunction add = instance.GetFunction("add");
        WasmComponentFunction echo = instance.GetFunction("echo");
        using var arena = new ComponentValArena();
        ComponentVal text = arena.String(new string('a', 32));

        const int Iterations = 200_000;
        Span<ComponentVal> results = stackalloc ComponentVal[1];
        ReadOnlySpan<ComponentVal> addArgs = [ComponentVal.S32(6), ComponentVal.S32(7)];
        ReadOnlySpan<ComponentVal> echoArgs = [text];
        double addNs = 0, echoNs = 0;
        for (int round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < Iterations; i++)
            {
                add.Call(addArgs, results);
            }

            addNs = watch.Elapsed.TotalNanoseconds / Iterations;
            Assert.Equal(13, results[0].AsS32());

            watch.Restart();
            for (int i = 0; i < Iterations / 4; i++)
            {
                echo.Call(echoArgs, results);
                ComponentVal.Release(results);
            }

            echoNs = watch.Elapsed.TotalNanoseconds / (Iterations / 4);
            output.WriteLine($"round {round}: add(s32,s32) {addNs:F0} ns/call, echo(32-char string) {echoNs:F0} ns/call");
        }

        Assert.True(addNs > 0 && echoNs > 0);
    }
}
