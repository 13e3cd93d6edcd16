using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Wippy.Http.Tests.Support;

namespace Wippy.Http.Tests;

/// <summary>Requests meant to hurt the server, on raw sockets: it answers what it can, and the next request is served.</summary>
public sealed class BadRequestTests : IAsyncLifetime
{
    private HttpTestApp _app = null!;

    public async Task InitializeAsync() => _app = await HttpTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _app.Client.BaseAddress!.Port);
        return socket;
    }

    /// <summary>Sends <paramref name="request"/> and reads until the server closes the connection or <paramref name="until"/> appears.</summary>
    private async Task<string> ExchangeAsync(string request, string until = "\r\n\r\n")
    {
        using var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        return await HttpWire.ReadUntilAsync(stream, until);
    }

    private async Task AssertStillServingAsync()
    {
        using var response = await _app.Client.PostAsync("/v1/greet", new StringContent("still here"));
        Assert.Equal("Hello, still here!", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_malformed_request_is_refused_and_the_server_goes_on()
    {
        Assert.StartsWith("HTTP/1.1 505", await ExchangeAsync("NOT A REQUEST\r\n\r\n")); // "REQUEST" read as the protocol version
        Assert.StartsWith("HTTP/1.1 400", await ExchangeAsync("GET /v1/ping HTTP/1.1\r\nHost: x\r\nA header without a colon\r\n\r\n"));
        Assert.StartsWith("HTTP/1.1 400", await ExchangeAsync("POST /v1/greet HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n"));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_one_gigabyte_body_is_refused_with_413_without_being_read()
    {
        var answer = await ExchangeAsync($"POST /v1/greet HTTP/1.1\r\nHost: x\r\nContent-Length: {1L << 30}\r\n\r\nfirst bytes of a body that never ends");
        Assert.StartsWith("HTTP/1.1 413", answer);
        Assert.Equal(0, _app.Runtime.GetFunction("web:greet").Busy);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Two_hundred_slow_clients_do_not_stop_other_requests()
    {
        // A slowloris: connections that send part of their headers and then nothing.
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < 200; i++)
            {
                var socket = await ConnectAsync();
                await socket.SendAsync(Encoding.ASCII.GetBytes("POST /v1/greet HTTP/1.1\r\nHost: x\r\nX-Slow: "));
                sockets.Add(socket);
            }
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++) await AssertStillServingAsync();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"20 requests beside 200 slow clients took {watch.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }
}
