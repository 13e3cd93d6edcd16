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
        var proxy = result.Source("Wippy.web.Proxy.g.cs");
        Assert.DoesNotContain("public int Ping(", proxy, StringComparison.Ordinal); // wasi-http: no typed method…
        Assert.Contains("internal static int InvokePing(", proxy, StringComparison.Ordinal); // …only what the binders call
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

    /// <summary>The module facts the build step writes for a component exporting wasi:http/incoming-handler@0.2.0.</summary>
    private static string HandlerFacts(string entryId) =>
        "# wippy module facts v2\n"
        + $"module\t{entryId}\tcomponent\t{SmallRegistries.RunHash}\n"
        + "component\twasi:http/incoming-handler@0.2.0#handle\t\tit lowers imported functions into its core module\tfunc(handle, handle)\t"
        + "resource incoming-request;\\nresource response-outparam;\\nhandle: func(request: incoming-request, response-out: response-outparam);\\n\n";

    [Fact]
    public void A_wasi_http_component_without_a_method_is_an_incoming_handler_with_only_a_descriptor()
    {
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", """
            namespace: app
            entries:
              - name: guests
                kind: fs.directory
                directory: ./guests
              - name: site
                kind: function.wasm
                fs: guests
                path: /run.wasm
                hash: sha256:a98df86111adaba29ef334b0f8ed3ba508f3d98cca7aa0eba317d23210056697
                transport: wasi-http
              - name: site_endpoint
                kind: http.endpoint
                method: GET
                path: /site/{page}
                func: site
            """);
        registry.Add("wippy.modules.txt", HandlerFacts("app:site"));

        var result = registry.Run();

        Assert.Empty(result.Diagnostics);
        var registration = result.Source("Wippy.app.Registration.g.cs");
        Assert.Contains("IncomingHandler = true,", registration, StringComparison.Ordinal);
        Assert.DoesNotContain("InvokeJson", registration, StringComparison.Ordinal); // no binders: only endpoints call it
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == "Wippy.app.Proxy.g.cs" && s.SourceText.ToString().Contains("Site(", StringComparison.Ordinal));
        var site = Assert.IsType<FunctionDescriptor>(Manifest(result).Find("app:site"));
        Assert.True(site.IncomingHandler);
        Assert.Equal("wasi:http/incoming-handler@0.2.0#handle", site.Component!.Method);
        Assert.Equal(PoolType.Inline, site.Pool.Type); // fresh per request: no pool block
        Assert.Equal("handle: func(request: incoming-request, response-out: response-outparam)", site.WitSignature);
    }

    [Fact]
    public void A_payload_function_naming_the_incoming_handler_is_told_to_serve_it_over_HTTP()
    {
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", SmallRegistries.ComponentRun("app").Replace("method: run", "method: wasi:http/incoming-handler#handle", StringComparison.Ordinal));
        registry.Add("wippy.modules.txt", HandlerFacts("app:run"));

        var result = registry.Run();

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("WIPPY0209", error.Id);
        Assert.Contains("add \"transport: wasi-http\"", error.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(10, error.Location.GetLineSpan().StartLinePosition.Line); // the method line (0-based)
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
