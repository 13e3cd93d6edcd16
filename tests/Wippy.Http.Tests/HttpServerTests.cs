using System.Diagnostics;
using System.Net;
using Wippy.Host.Registry;
using Wippy.Http.Tests.Support;

namespace Wippy.Http.Tests;

/// <summary>The server <c>run</c> starts (<see cref="WippyHttpServer"/>): its services, the default one, stopping.</summary>
public sealed class HttpServerTests
{
    [Fact]
    public async Task Stopping_lets_a_request_in_flight_finish()
    {
        await using var app = await HttpTestApp.StartAsync();
        var started = Stopwatch.StartNew();
        var inFlight = app.Client.GetAsync("/v1/spin_long");
        await Polling.UntilAsync(() => app.Runtime.GetFunction("web:spin_long").Busy == 1, "the request's call is running");
        var stopping = app.StopAsync();
        using var response = await inFlight; // answered, not cut off
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode); // its limit (1,500 ms) ended it, not the stop
        Assert.InRange(started.ElapsedMilliseconds, 1_400, 30_000);
        await stopping;
        await Assert.ThrowsAsync<HttpRequestException>(() => app.Client.GetAsync("/v1/ping")); // and nothing is served after
    }

    [Fact]
    public async Task Endpoints_that_name_no_service_are_served_on_the_default_one()
    {
        // The registry without its HTTP entries, and one endpoint that names no router: a registry with no service.
        var generated = WippyRegistry.CreateManifest();
        var manifest = new RegistryManifest(generated.Entries
            .Where(e => e is not (HttpServiceDescriptor or HttpRouterDescriptor or HttpEndpointDescriptor))
            .Append(new HttpEndpointDescriptor("web:root_greet", "POST", "/greet", "web:greet", null, "registry/_index.yaml"))) { AppAssembly = generated.AppAssembly };
        Assert.Equal([""], HttpRoute.Services(manifest));
        await using var app = await HttpTestApp.StartAsync(o => o.AddressOverrides[""] = "127.0.0.1:0", manifest: manifest); // the default service's own override
        Assert.Equal([""], app.Server.Addresses.Keys);
        using var response = await app.Client.PostAsync("/greet", new StringContent("default"));
        Assert.Equal("Hello, default!", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_default_service_listens_on_port_8080_of_every_interface()
    {
        Assert.Equal(":8080", new WippyHttpOptions().DefaultAddress);
        Assert.Equal(new ListenAddress(null, 8080), ListenAddress.Parse(":8080"));
        Assert.Equal(new ListenAddress("127.0.0.1", 80), ListenAddress.Parse("127.0.0.1:80"));
        Assert.Equal(new ListenAddress("::1", 9000), ListenAddress.Parse("[::1]:9000"));
        Assert.Throws<FormatException>(() => ListenAddress.Parse("8080"));
        Assert.Throws<FormatException>(() => ListenAddress.Parse("host:99999"));
    }
}
