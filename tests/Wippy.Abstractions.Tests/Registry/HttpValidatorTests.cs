using Wippy.Diagnostics;
using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>
/// HTTP rules across entries and files: references (<c>meta.server</c>, <c>func</c>, <c>meta.router</c>), which service
/// a router or endpoint belongs to, duplicate routes, and functions that cannot serve HTTP; each at its YAML line.
/// </summary>
public sealed class HttpValidatorTests
{
    private static readonly string OtherPath = Path.GetFullPath("/reg/lib/_index.yaml");

    /// <summary>
    /// A wasi-http function.wat 'greet' (lines 3-7) and a payload function.wat 'plain' (lines 8-11), then
    /// <paramref name="entries"/> from line 12, each entry indented by 2 spaces.
    /// </summary>
    private static string Registry(string entries) =>
        "namespace: myns\nentries:\n" +
        "  - name: greet\n    kind: function.wat\n    source: file://greet.wat\n    method: greet\n    transport: wasi-http\n" +
        "  - name: plain\n    kind: function.wat\n    source: file://plain.wat\n    method: plain\n" +
        entries;

    /// <summary>Two services, 'public' and 'admin' (six lines, for <see cref="Registry"/>: from line 12 to 17).</summary>
    private const string TwoServices = """
          - name: public
            kind: http.service
            addr: ":8080"
          - name: admin
            kind: http.service
            addr: "127.0.0.1:9090"

        """;

    private static RegistryDocument Doc(string yaml, string? path = null)
    {
        var result = Parse(yaml, path);
        Assert.Empty(result.Diagnostics);
        return result.Document!;
    }

    private static IReadOnlyList<WippyDiagnostic> Validate(params RegistryDocument[] documents) => RegistryValidator.Validate(documents);

    [Fact]
    public void A_service_a_router_and_endpoints_are_clean()
    {
        var document = ParseClean(Registry("""
              - name: api
                kind: http.service
                addr: "127.0.0.1:8080"
              - name: v1
                kind: http.router
                prefix: /v1
                meta: { server: api }
              - name: greet_v1
                kind: http.endpoint
                method: POST
                path: /greet
                func: greet
                meta: { router: v1 }
              - name: greet_root
                kind: http.endpoint
                method: POST
                path: /greet
                func: myns:greet
              - name: users
                kind: http.endpoint
                method: GET
                path: /v1/users/{id}
                func: greet

            """));

        var routing = HttpRouting.Of(document.Entries);
        Assert.Equal("myns:api", routing.ImplicitService);
        Assert.Equal("myns:api", routing.ServiceOf(Entry<HttpRouterEntry>(document, "v1")));
        Assert.Equal("myns:api", routing.ServiceOf(Entry<HttpEndpointEntry>(document, "greet_root")));
        Assert.Same(Entry<HttpRouterEntry>(document, "v1"), routing.RouterOf(Entry<HttpEndpointEntry>(document, "greet_v1")));
        Assert.True(routing.IsCalled("myns:greet"));
        Assert.False(routing.IsCalled("myns:plain"));
    }

    [Fact]
    public void Without_a_service_routers_and_endpoints_are_on_the_default_one()
    {
        var document = ParseClean(Registry("""
              - name: v1
                kind: http.router
                prefix: /v1
              - name: hello
                kind: http.endpoint
                method: GET
                path: /
                func: greet

            """));

        var routing = HttpRouting.Of(document.Entries);
        Assert.Equal("", routing.ImplicitService);
        Assert.Equal("", routing.ServiceOf(Entry<HttpRouterEntry>(document, "v1")));
        Assert.Equal("", routing.ServiceOf(Entry<HttpEndpointEntry>(document, "hello")));
    }

    [Fact]
    public void A_meta_server_that_names_no_entry_lists_the_services()
    {
        var doc = Doc(Registry("  - name: api\n    kind: http.service\n    addr: ':80'\n  - name: v1\n    kind: http.router\n    meta: { server: apu }\n"));

        var d = Single(Validate(doc), RegistryDiagnosticIds.UnresolvedReference, 17, 21);
        Assert.Contains("entry 'myns:v1' (http.router): 'meta.server' refers to 'myns:apu', but no entry has that id; the http.service entries are: myns:api", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meta_server_must_name_a_service()
    {
        var doc = Doc(Registry("  - name: v1\n    kind: http.router\n    meta:\n      server: greet\n"));

        var d = Single(Validate(doc), RegistryDiagnosticIds.WrongKindReference, 15, 15);
        Assert.Contains("'meta.server' refers to 'myns:greet', which has kind function.wat, but it must name an http.service entry; add an http.service entry named 'greet'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_func_that_names_no_entry_lists_the_functions()
    {
        var doc = Doc(Registry("  - name: hello\n    kind: http.endpoint\n    method: GET\n    path: /\n    func: gret\n"));

        var d = Single(Validate(doc), RegistryDiagnosticIds.UnresolvedReference, 16, 11);
        Assert.Contains("entry 'myns:hello' (http.endpoint): 'func' refers to 'myns:gret', but no entry has that id; the function entries are: myns:greet, myns:plain", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_func_must_name_a_function()
    {
        var doc = Doc(Registry("  - name: api\n    kind: http.service\n    addr: ':80'\n  - name: hello\n    kind: http.endpoint\n    method: GET\n    path: /\n    func: api\n"));

        var d = Single(Validate(doc), RegistryDiagnosticIds.WrongKindReference, 19, 11);
        Assert.Contains("'func' refers to 'myns:api', which has kind http.service, but it must name a function entry", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meta_router_must_name_a_router()
    {
        var doc = Doc(Registry("  - name: hello\n    kind: http.endpoint\n    method: GET\n    path: /\n    func: greet\n    meta: { router: greet }\n"));

        var d = Single(Validate(doc), RegistryDiagnosticIds.WrongKindReference, 17, 21);
        Assert.Contains("'meta.router' refers to 'myns:greet', which has kind function.wat, but it must name an http.router entry", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_several_services_a_router_must_name_its_own()
    {
        var doc = Doc(Registry(TwoServices + """
              - name: v1
                kind: http.router
                prefix: /v1

            """));

        var d = Single(Validate(doc), RegistryDiagnosticIds.AmbiguousHttpService, 18, 5);
        Assert.Contains("entry 'myns:v1' (http.router): the registry declares several http.service entries (myns:admin, myns:public), so this router must say which one serves it; add \"meta: { server: myns:admin }\"", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_several_services_an_endpoint_must_be_under_a_router()
    {
        var doc = Doc(Registry(TwoServices + """
              - name: v1
                kind: http.router
                meta: { server: admin }
              - name: hello
                kind: http.endpoint
                method: GET
                path: /
                func: greet

            """));

        var d = Single(Validate(doc), RegistryDiagnosticIds.AmbiguousHttpService, 21, 5);
        Assert.Contains("entry 'myns:hello' (http.endpoint): the registry declares several http.service entries (myns:admin, myns:public), so an endpoint must be under a router", d.Message, StringComparison.Ordinal);
        Assert.Contains("add \"meta: { router: <an http.router> }\" (the routers are: myns:v1 on myns:admin)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_route_on_two_services_is_two_routes()
    {
        var doc = Doc(Registry(TwoServices + """
              - name: p
                kind: http.router
                meta: { server: public }
              - name: a
                kind: http.router
                meta: { server: admin }
              - name: hello_public
                kind: http.endpoint
                method: GET
                path: /hello
                func: greet
                meta: { router: p }
              - name: hello_admin
                kind: http.endpoint
                method: GET
                path: /hello
                func: greet
                meta: { router: a }

            """));

        Assert.Empty(Validate(doc));
    }

    [Theory]
    [InlineData("/users/{id}", "/users/{name}")]
    [InlineData("/users", "/Users")]
    [InlineData("/users/{id}", "/users/{id}")]
    public void The_same_method_and_route_twice_is_an_error_at_the_second_path_naming_the_first(string firstPath, string secondPath)
    {
        var doc = Doc(Registry($"""
              - name: first
                kind: http.endpoint
                method: GET
                path: {firstPath}
                func: greet
              - name: second
                kind: http.endpoint
                method: get
                path: {secondPath}
                func: greet

            """));

        var d = Single(Validate(doc), RegistryDiagnosticIds.DuplicateHttpRoute, 20, 11);
        Assert.Contains($"entry 'myns:second' (http.endpoint): GET {secondPath} on the default service (:8080) is the same route as entry 'myns:first' (GET {firstPath}, {FilePath}:15)", d.Message, StringComparison.Ordinal);
        Assert.Contains("parameter names and letter case do not tell routes apart", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_method_is_another_route()
    {
        var doc = Doc(Registry("""
              - name: read
                kind: http.endpoint
                method: GET
                path: /users/{id}
                func: greet
              - name: write
                kind: http.endpoint
                method: PUT
                path: /users/{id}
                func: greet

            """));

        Assert.Empty(Validate(doc));
    }

    [Theory]
    [InlineData("/api", "/users", "/api/users")]
    [InlineData("/api", "/", "/api")]
    [InlineData("", "/", "/")]
    [InlineData("/u/{id}", "/posts", "/u/{x}/posts")]
    public void A_router_prefix_is_part_of_the_route(string prefix, string path, string rootPath)
    {
        var doc = Doc(Registry($"""
              - name: api
                kind: http.router
                prefix: "{prefix}"
              - name: under
                kind: http.endpoint
                method: GET
                path: {path}
                func: greet
                meta:
                  router: api
              - name: root
                kind: http.endpoint
                method: GET
                path: {rootPath}
                func: greet

            """));

        var d = Single(Validate(doc), RegistryDiagnosticIds.DuplicateHttpRoute, 25, 11);
        Assert.Contains($"GET {rootPath} on the default service (:8080) is the same route as entry 'myns:under' (GET {prefix}{path}, {FilePath}:18)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Across_files_the_second_is_the_one_in_the_later_file()
    {
        var app = Doc(Registry("  - name: hello\n    kind: http.endpoint\n    method: GET\n    path: /hello\n    func: greet\n"));
        var lib = Doc("namespace: lib\nentries:\n  - name: hello\n    kind: http.endpoint\n    method: GET\n    path: /hello\n    func: myns:greet\n", OtherPath);

        var d = Assert.Single(Validate(lib, app));
        Assert.Equal((RegistryDiagnosticIds.DuplicateHttpRoute, OtherPath, 6, 11), (d.Id, d.Position.FilePath, d.Position.Line, d.Position.Column));
        Assert.Contains($"entry 'lib:hello' (http.endpoint): GET /hello on the default service (:8080) is the same route as entry 'myns:hello' (GET /hello, {FilePath}:15)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_in_both_the_prefix_and_the_path_is_an_error_at_the_path()
    {
        var doc = Doc(Registry("""
              - name: users
                kind: http.router
                prefix: /users/{id}
              - name: post
                kind: http.endpoint
                method: GET
                path: /posts/{ID}
                func: greet
                meta: { router: users }

            """));

        var d = Single(Validate(doc), RegistryDiagnosticIds.InvalidHttpPath, 18, 11);
        Assert.Contains("'path' names the parameter {ID}, which the prefix of its router 'myns:users' ('/users/{id}') names already; rename it in this path, e.g. \"path: /posts/{ID2}\"", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_function_cannot_serve_HTTP_and_the_error_says_to_add_the_transport()
    {
        var doc = Doc(Registry("  - name: hello\n    kind: http.endpoint\n    method: POST\n    path: /hello\n    func: plain\n"));

        var d = Single(Validate(doc), RegistryDiagnosticIds.EndpointCannotServeHttp, 16, 11);
        Assert.Contains("entry 'myns:hello' (http.endpoint): 'func' names 'myns:plain' (function.wat), a payload function, which cannot serve HTTP; " +
            $"add \"transport: wasi-http\" to 'myns:plain' ({FilePath}:8): its export is then called once per request, with the request body as its one string argument", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_cannot_serve_HTTP()
    {
        var doc = Doc(Registry($"""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: migrate
                kind: process.wasm
                fs: assets
                path: /migrate.wasm
                hash: {Hash}
                method: run
                transport: wasi-http
              - name: hello
                kind: http.endpoint
                method: POST
                path: /hello
                func: migrate

            """));

        var d = Single(Validate(doc), RegistryDiagnosticIds.EndpointCannotServeHttp, 26, 11);
        Assert.Contains("'func' names 'myns:migrate', a process.wasm entry, which runs as a process and cannot serve HTTP; point 'func' at a function.wat or function.wasm entry with \"transport: wasi-http\"", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lua_function_is_accepted_here_and_warned_by_the_generator()
    {
        var doc = Doc(Registry("  - name: handler\n    kind: function.lua\n    source: file://h.lua\n    method: handler\n  - name: hello\n    kind: http.endpoint\n    method: POST\n    path: /hello\n    func: handler\n"));

        Assert.Empty(Validate(doc));
    }

    [Fact]
    public void A_wasi_http_function_wasm_without_a_method_serves_the_standard_incoming_handler()
    {
        var document = ParseClean(
            "namespace: myns\nentries:\n  - name: assets\n    kind: fs.directory\n    directory: ./wasm\n" +
            "  - name: site\n    kind: function.wasm\n    fs: assets\n    path: /site.wasm\n    hash: sha256:" + new string('a', 64) + "\n    transport: wasi-http\n");

        Assert.Equal(HttpHandlerExport.Method, Entry<FunctionEntry>(document, "site").Method);
        Assert.True(HttpHandlerExport.IsHandle("wasi:http/incoming-handler@0.2.0#handle"));
        Assert.True(HttpHandlerExport.IsHandle("wasi:http/incoming-handler@0.2.12#handle"));
        Assert.False(HttpHandlerExport.IsHandle("wasi:http/incoming-handler@0.3.0-rc#handle")); // 0.3 is another ABI
        Assert.False(HttpHandlerExport.IsHandle("wasi:http/outgoing-handler@0.2.0#handle"));
    }

    [Theory]
    [InlineData("function.wat", "    source: file://site.wat\n    transport: wasi-http\n")]   // a core module has no standard export
    [InlineData("function.wasm", "    fs: assets\n    path: /site.wasm\n    hash: sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")] // a payload function
    public void Otherwise_a_method_is_still_required(string kind, string fields)
    {
        var result = Parse("namespace: myns\nentries:\n  - name: site\n    kind: " + kind + "\n" + fields);

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("'method'", StringComparison.Ordinal));
    }
}
