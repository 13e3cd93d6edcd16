using Wippy.Host.WasiHost;

namespace Wippy.Host.Tests.Wasi;

/// <summary>Which imports the host's own WASI serves (the rest keep Wasmtime's WASI).</summary>
public sealed class WasiInterfacesTests
{
    [Theory]
    [InlineData("wasi:io/poll@0.2.0", "[method]pollable.block", true)]
    [InlineData("wasi:io/poll@0.2.12", "[method]pollable.ready", true)]
    [InlineData("wasi:io/poll", "[method]pollable.block", true)]
    [InlineData("wasi:filesystem/types@0.2.6", "[method]descriptor.open-at", true)]
    [InlineData("wasi:io/poll@0.2.0", "poll", false)]                                    // a list of borrowed handles
    [InlineData("wasi:filesystem/types@0.2.12", "[method]descriptor.rename-at", false)] // two borrowed descriptors
    [InlineData("wasi:filesystem/types@0.2.12", "[method]descriptor.is-same-object", false)]
    [InlineData("wasi:io/streams@0.2.0", "[method]output-stream.splice", false)]
    [InlineData("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.connect", false)]         // not written (stays Wasmtime's)
    [InlineData("wasi:http/types@0.2.0", "[constructor]fields", true)]
    [InlineData("wasi:http/outgoing-handler@0.2.3", "handle", true)]
    [InlineData("wasi:http/incoming-handler@0.2.0", "handle", false)]                  // not written yet (an export guests provide)
    [InlineData("wasi:io/poll@0.3.0", "[method]pollable.block", false)]                 // only 0.2.x
    public void The_host_serves_written_interfaces_at_0_2_unless_a_function_cannot_be_called_through_the_C_API(string instance, string function, bool served)
    {
        Assert.Equal(served, WasiInterfaces.Serves(instance, [function]));
    }
}
