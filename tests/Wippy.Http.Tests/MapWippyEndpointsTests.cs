using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Wippy.Host;
using Wippy.Http.Tests.Support;
using Wippy.Security;

namespace Wippy.Http.Tests;

/// <summary>
/// The registry's endpoints mapped into an ASP.NET Core app of its own (<c>app.MapWippyEndpoints()</c>), beside its
/// own routes and behind its middleware: the request's user is the call's actor, and the runtime's call policy decides.
/// </summary>
public sealed class MapWippyEndpointsTests : IAsyncLifetime
{
    /// <summary>Lets alice call anything; everyone else nothing.</summary>
    private sealed class OnlyAlice : ICallPolicy
    {
        public List<(string? Actor, string Resource, object? Path)> Asked { get; } = [];

        public PolicyDecision Check(CallContext context, string permission, string resource)
        {
            lock (Asked) Asked.Add((context.Actor?.Id, resource, context.Values.GetValueOrDefault("http.path")));
            return context.Actor?.Id == "alice" ? PolicyDecision.Allow : PolicyDecision.Deny("only alice may");
        }
    }

    private readonly OnlyAlice _policy = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddWippy(o =>
        {
            o.RegistryRoot = HttpTestApp.RegistryRoot;
            o.CacheDirectory = null;
            o.Policy = _policy;
        });
        builder.Services.AddWippyRuntime(TestManifest.Create());
        _app = builder.Build();
        // The app's own "authentication": an x-user header makes the request that user's.
        _app.Use((http, next) =>
        {
            if (http.Request.Headers.TryGetValue("x-user", out var user))
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.ToString()), new Claim("role", "tester")], "test"));
            }
            return next(http);
        });
        _app.MapGet("/own", () => "the app's own route");
        _app.MapWippyEndpoints();
        await _app.StartAsync();
        var url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(url) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> Greet(string? user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/greet") { Content = new StringContent("Bo", Encoding.UTF8) };
        if (user is not null) request.Headers.Add("x-user", user);
        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task The_requests_user_is_the_actor_the_policy_is_asked_about()
    {
        using var alice = await Greet("alice");
        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        Assert.Equal("Hello, Bo!", await alice.Content.ReadAsStringAsync());

        using var mallory = await Greet("mallory");
        Assert.Equal(HttpStatusCode.Forbidden, mallory.StatusCode);
        var denied = await mallory.Content.ReadAsStringAsync();
        Assert.Contains("\"kind\":\"PermissionDenied\"", denied);
        Assert.Contains("actor 'mallory' may not call this entry (funcs.call): only alice may", denied);

        using var anonymous = await Greet(null);
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Contains("an anonymous caller may not call this entry", await anonymous.Content.ReadAsStringAsync());

        lock (_policy.Asked)
        {
            Assert.Contains(("alice", "web:greet", (object?)"/v1/greet"), _policy.Asked);
            Assert.Contains((null, "web:greet", (object?)"/v1/greet"), _policy.Asked);
        }
    }

    [Fact]
    public async Task The_apps_own_routes_are_served_beside_the_registrys()
    {
        Assert.Equal("the app's own route", await _client.GetStringAsync("/own"));
        using var ping = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/ping") { Headers = { { "x-user", "alice" } } });
        Assert.Equal(HttpStatusCode.NoContent, ping.StatusCode);
    }
}
