using System.Text.Json;
using Wippy.Host.Processes;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Processes;

/// <summary>
/// Long-lived processes over tests/guests/components/actor (registry namespace <c>processes</c>): spawned through the
/// generated typed methods and by JSON, talking to C# mailboxes and to each other through wippy:actor/process.
/// </summary>
[Collection(EndToEnd.NotInParallel.Name)]
public sealed class ProcessTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
    private readonly ProcessesFunctions _processes;

    public ProcessTests() => _processes = new ProcessesFunctions(_runtime);

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public async Task A_counter_counts_what_it_is_sent_and_answers_its_sender()
    {
        using var me = _runtime.Processes.OpenMailbox();
        var counter = _processes.SpawnCounter();
        Assert.Matches(@"^\{local@local\|0x[0-9a-f]{5,}\}$", counter.Pid);
        for (var i = 0; i < 5; i++) me.Send(counter.Pid, "increment", ProcessPayload.Text("1"));
        me.Send(counter.Pid, "increment", ProcessPayload.Json("10"));
        me.Send(counter.Pid, "total");
        var reply = await me.ReceiveAsync(Wait);
        Assert.Equal("total", reply.Topic);
        Assert.Equal(counter.Pid, reply.From);
        Assert.Equal("15", Assert.Single(reply.Payloads).AsText());
        Assert.Equal(PayloadFormat.Text, reply.Payloads[0].Format);

        me.Send(counter.Pid, "stop");
        var result = await counter.Result.WaitAsync(Wait);
        Assert.True(result.IsOk);
        var exit = await counter.Exit;
        Assert.True(exit.Returned);
        Assert.False(_runtime.Processes.IsAlive(counter.Pid));
    }
}
