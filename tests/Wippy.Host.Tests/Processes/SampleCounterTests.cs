using Wippy.Host.Processes;
using Wippy.Host.Tests.Support;
using Wippy.Samples.Registry.Myns;

namespace Wippy.Host.Tests.Processes;

/// <summary>The sample's counter process (samples/registry/wasm/counter.c) driven from C# through the generated <c>SpawnCounter</c>, as the README shows.</summary>
[Collection(EndToEnd.NotInParallel.Name)]
public sealed class SampleCounterTests
{
    [Fact]
    public async Task CSharp_spawns_the_sample_counter_counts_to_five_and_stops_it()
    {
        using var runtime = new WippyRuntime(Wippy.Samples.Registry.WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.SampleRegistry });
        var counter = new MynsFunctions(runtime).SpawnCounter();
        using var me = runtime.Processes.OpenMailbox();
        for (var i = 0; i < 5; i++) me.Send(counter.Pid, "increment", ProcessPayload.Text("1"));
        me.Send(counter.Pid, "total");
        var reply = await me.ReceiveAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(("total", "5"), (reply.Topic, reply.Payloads[0].AsText()));

        Assert.True(await runtime.Processes.StopAsync(counter.Pid));
        Assert.True((await counter.Result).IsOk); // it saw its mailbox close and returned ok
    }
}
