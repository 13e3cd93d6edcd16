using System.Reflection;
using Microsoft.CodeAnalysis;
using Wippy.Generators.Tests.Support;
using Wippy.Host.Registry;

namespace Wippy.Generators.Tests;

/// <summary>
/// Every <c>http.service</c>, <c>http.router</c> and <c>http.endpoint</c> entry becomes its descriptor in the generated
/// manifest, with every reference resolved to a full id: a router's service (its <c>meta.server</c>, else the only
/// service, else <c>""</c> for the runtime's default one), an endpoint's function and router.
/// </summary>
public sealed class HttpRegistrationTests
{
    [Fact]
    public void Each_http_entry_is_emitted_as_its_descriptor_with_references_resolved()
    {
        var result = TestRegistry.FromTestData("snapshot-http").Run();

        Assert.Empty(result.Diagnostics);
        var web = result.Source("Wippy.web.Registration.g.cs");
        Assert.Contains("new global::Wippy.Host.Registry.HttpServiceDescriptor(\"web:api\", \"127.0.0.1:8080\", \"web/_index.yaml:7\"),", web, StringComparison.Ordinal);
        Assert.Contains("new global::Wippy.Host.Registry.HttpRouterDescriptor(\"web:v1\", \"/v1\", \"web:api\", \"web/_index.yaml:11\"),", web, StringComparison.Ordinal);
        Assert.Contains("new global::Wippy.Host.Registry.HttpEndpointDescriptor(\"web:ping_endpoint\", \"GET\", \"/ping\", \"web:ping\", null, \"web/_index.yaml:45\"),", web, StringComparison.Ordinal);
        Assert.Contains("new global::Wippy.Host.Registry.HttpEndpointDescriptor(\"web:size_endpoint\", \"POST\", \"/size/{name}\", \"web:size\", \"web:v1\", \"web/_index.yaml:51\"),", web, StringComparison.Ordinal);
        var admin = result.Source("Wippy.admin.Registration.g.cs");
        Assert.Contains("new global::Wippy.Host.Registry.HttpRouterDescriptor(\"admin:panel\", \"/admin\", \"web:api\", \"admin/_index.yaml:6\"),", admin, StringComparison.Ordinal);
        Assert.Contains("new global::Wippy.Host.Registry.HttpEndpointDescriptor(\"admin:size\", \"PUT\", \"/\", \"web:size\", \"admin:panel\", \"admin/_index.yaml:11\"),", admin, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_manifest_holds_the_http_descriptors()
    {
        var manifest = Manifest(TestRegistry.FromTestData("snapshot-http").Run());

        var service = Assert.Single(manifest.Entries.OfType<HttpServiceDescriptor>());
        Assert.Equal(("web:api", "http.service", "127.0.0.1:8080", "web/_index.yaml:7"), (service.Id, service.Kind, service.Address, service.DeclaredAt));
        var routers = manifest.Entries.OfType<HttpRouterDescriptor>().Select(r => (r.Id, r.Prefix, r.Service)).ToList();
        Assert.Equal([("admin:panel", "/admin", "web:api"), ("web:v1", "/v1", "web:api")], routers);
        var endpoints = manifest.Entries.OfType<HttpEndpointDescriptor>().Select(e => (e.Id, e.Method, e.Path, e.Function, e.Router)).ToList();
        Assert.Equal(
            [
                ("admin:size", "PUT", "/", "web:size", "admin:panel"),
                ("web:ping_endpoint", "GET", "/ping", "web:ping", null),
                ("web:size_endpoint", "POST", "/size/{name}", "web:size", "web:v1"),
            ],
            endpoints);
        foreach (var e in manifest.Entries.OfType<HttpEndpointDescriptor>())
        {
            Assert.Equal("wasi-http", Assert.IsType<FunctionDescriptor>(manifest.Find(e.Function)).Transport);
        }
    }

    [Fact]
    public void Without_a_service_routers_are_on_the_default_one_and_it_gets_no_descriptor()
    {
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", """
            namespace: app
            entries:
              - name: hello
                kind: function.wat
                source: |
                  (module (func (export "hello")))
                wit: |
                  hello: func();
                method: hello
                transport: wasi-http
              - name: api
                kind: http.router
                prefix: /api
              - name: root
                kind: http.endpoint
                method: GET
                path: /
                func: hello
              - name: under
                kind: http.endpoint
                method: DELETE
                path: /things/{id}
                func: hello
                meta: { router: api }
            """);

        var manifest = Manifest(registry.Run());

        Assert.Empty(manifest.Entries.OfType<HttpServiceDescriptor>());
        var router = Assert.Single(manifest.Entries.OfType<HttpRouterDescriptor>());
        Assert.Equal(("app:api", "/api", ""), (router.Id, router.Prefix, router.Service));
        Assert.Equal(
            [("app:root", "GET", "/", (string?)null), ("app:under", "DELETE", "/things/{id}", "app:api")],
            manifest.Entries.OfType<HttpEndpointDescriptor>().Select(e => (e.Id, e.Method, e.Path, e.Router)));
    }

    [Fact]
    public void An_entry_with_a_mistake_is_left_out_and_the_rest_still_compiles()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: bad_addr
                kind: http.service
                addr: "8080"
              - name: no_path
                kind: http.endpoint
                method: GET
                func: ok
            """;

        var result = ErrorScenario.Run(yaml);

        Assert.Contains(result.Diagnostics, d => d.Id == "WIPPY0050");
        Assert.Contains(result.Diagnostics, d => d.Id == "WIPPY0003");
        var registration = result.Source("Wippy.app.Registration.g.cs");
        Assert.DoesNotContain("HttpServiceDescriptor", registration, StringComparison.Ordinal);
        Assert.DoesNotContain("HttpEndpointDescriptor", registration, StringComparison.Ordinal);
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    /// <summary>Compiles the emitted code, loads it, and returns what its <c>WippyRegistry.CreateManifest()</c> returns.</summary>
    private static RegistryManifest Manifest(GeneratorRunResult result)
    {
        Assert.Empty(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        using var image = new MemoryStream();
        var emitted = EmittedCode.Compile(result.GeneratedSources.Select(s => s.SyntaxTree)).Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        var create = assembly.GetType($"{GeneratorHarness.RootNamespace}.WippyRegistry")!.GetMethod("CreateManifest")!;
        return Assert.IsType<RegistryManifest>(create.Invoke(null, null));
    }
}
