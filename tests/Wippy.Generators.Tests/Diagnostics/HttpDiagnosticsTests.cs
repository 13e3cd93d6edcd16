using Microsoft.CodeAnalysis;
using Wippy.Generators.Tests.Support;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>
/// Mistakes in <c>http.service</c>, <c>http.router</c> and <c>http.endpoint</c> entries are build errors (or warnings)
/// at the YAML line of the offending field, saying what to write; the other entries are still emitted.
/// </summary>
public sealed class HttpDiagnosticsTests
{
    /// <summary>A function.wat serving HTTP: <c>greet: func(body: string) -&gt; string</c>, with transport wasi-http.</summary>
    private const string Greet = """
          - name: greet
            kind: function.wat
            source: |
              (module (func (export "greet") (param i32 i32) (result i32) i32.const 0))
            wit: |
              greet: func(body: string) -> string;
            method: greet
            transport: wasi-http
        """;

    /// <summary>A wasi-http function.wat 'f' with the signature <paramref name="wit"/>, and an endpoint calling it.</summary>
    private static string CalledByAnEndpoint(string wit) => $"""
        namespace: app
        entries:
          - name: f
            kind: function.wat
            source: |
              (module)
            wit: "{wit}"
            method: f
            transport: wasi-http
          - name: f_endpoint
            kind: http.endpoint
            method: POST
            path: /f
            func: f
        """;

    private static string Registry(string entries) => "namespace: app\nentries:\n" + Greet + "\n" + entries.TrimEnd('\n') + "\n";

    [Fact]
    public void A_bad_addr_is_reported_at_addr()
    {
        var yaml = Registry("""
              - name: api
                kind: http.service
                addr: "example.com:80"
              - name: hello
                kind: http.endpoint
                method: GET
                path: /
                func: greet
            """);

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0050"), ErrorScenario.Path, TextPosition.Of(yaml, "\"example.com:80\""),
            "entry 'app:api' (http.service): 'addr' is not a listen address ('example.com:80': 'example.com' is not an IP address of this machine or localhost",
            "write \"addr: ':8080'\" (every interface), \"addr: '127.0.0.1:8080'\" (one address), \"addr: 'localhost:8080'\" or \"addr: '[::1]:8080'\"");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:api");
    }

    [Fact]
    public void An_unknown_method_is_reported_at_method()
    {
        var yaml = Registry("""
              - name: hello
                kind: http.endpoint
                method: FETCH
                path: /hello
                func: greet
            """);

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0051"), ErrorScenario.Path, TextPosition.Of(yaml, "FETCH"),
            "entry 'app:hello' (http.endpoint): 'method' is not an HTTP method this runtime serves ('FETCH')",
            "write one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, e.g. \"method: POST\"");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:hello");
    }

    [Fact]
    public void A_path_without_a_leading_slash_is_reported_at_path_with_the_path_to_write()
    {
        var yaml = Registry("""
              - name: hello
                kind: http.endpoint
                method: POST
                path: api/greet
                func: greet
            """);

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0052"), ErrorScenario.Path, TextPosition.Of(yaml, "api/greet"),
            "entry 'app:hello' (http.endpoint): 'path' is a path without a leading '/' ('api/greet'); write \"path: /api/greet\"");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:hello");
    }

    [Fact]
    public void A_bad_prefix_and_a_parameter_repeated_across_prefix_and_path_are_reported_where_written()
    {
        var yaml = Registry("""
              - name: odd
                kind: http.router
                prefix: v1
              - name: users
                kind: http.router
                prefix: /users/{id}
              - name: posts
                kind: http.endpoint
                method: GET
                path: /posts/{id}
                func: greet
                meta:
                  router: users
            """);

        var result = ErrorScenario.Run(yaml);

        var ds = Exactly(result, "WIPPY0052", "WIPPY0052");
        Is(ds.Single(d => d.GetMessage().Contains("'prefix'", StringComparison.Ordinal)), ErrorScenario.Path, TextPosition.Of(yaml, "v1\n"),
            "entry 'app:odd' (http.router): 'prefix' is a path without a leading '/' ('v1'); write \"prefix: /v1\"");
        Is(ds.Single(d => d.GetMessage().Contains("'path'", StringComparison.Ordinal)), ErrorScenario.Path, TextPosition.Of(yaml, "/posts/{id}"),
            "entry 'app:posts' (http.endpoint): 'path' names the parameter {id}, which the prefix of its router 'app:users' ('/users/{id}') names already",
            "\"path: /posts/{id2}\"");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void With_several_services_a_router_without_meta_server_and_an_endpoint_without_a_router_are_errors_at_their_entries()
    {
        var yaml = Registry("""
              - name: public
                kind: http.service
                addr: ":8080"
              - name: admin
                kind: http.service
                addr: "127.0.0.1:9090"
              - name: v1
                kind: http.router
                prefix: /v1
              - name: hello
                kind: http.endpoint
                method: GET
                path: /hello
                func: greet
            """);

        var result = ErrorScenario.Run(yaml);

        var ds = Exactly(result, "WIPPY0053", "WIPPY0053");
        Is(ds.Single(d => d.GetMessage().StartsWith("entry 'app:v1'", StringComparison.Ordinal)), ErrorScenario.Path, TextPosition.Of(yaml, "name: v1"),
            "entry 'app:v1' (http.router): the registry declares several http.service entries (app:admin, app:public), so this router must say which one serves it",
            "add \"meta: { server: app:admin }\"");
        Is(ds.Single(d => d.GetMessage().StartsWith("entry 'app:hello'", StringComparison.Ordinal)), ErrorScenario.Path, TextPosition.Of(yaml, "name: hello"),
            "entry 'app:hello' (http.endpoint): the registry declares several http.service entries (app:admin, app:public), so an endpoint must be under a router",
            "add \"meta: { router: <an http.router> }\"");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:v1");
    }

    [Fact]
    public void The_same_route_twice_is_reported_at_the_second_path_naming_the_first()
    {
        var yaml = Registry("""
              - name: by_id
                kind: http.endpoint
                method: GET
                path: /users/{id}
                func: greet
              - name: by_name
                kind: http.endpoint
                method: get
                path: /users/{name}
                func: greet
            """);

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0054"), ErrorScenario.Path, TextPosition.Of(yaml, "/users/{name}"),
            "entry 'app:by_name' (http.endpoint): GET /users/{name} on the default service (:8080) is the same route as entry 'app:by_id' " +
            $"(GET /users/{{id}}, {ErrorScenario.Path}:{TextPosition.Of(yaml, "/users/{id}").Line})",
            "parameter names and letter case do not tell routes apart; change this 'path' or 'method', or remove one of the endpoints");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void A_func_that_names_no_entry_is_reported_at_func_listing_the_functions()
    {
        var yaml = Registry("""
              - name: hello
                kind: http.endpoint
                method: GET
                path: /
                func: gret
            """);

        var result = ErrorScenario.Run(yaml);

        // greet is called by no endpoint now, so its transport is warned too (WIPPY0041).
        Is(Exactly(result, "WIPPY0031", "WIPPY0041").Single(d => d.Id == "WIPPY0031"), ErrorScenario.Path, TextPosition.Of(yaml, "gret"),
            "entry 'app:hello' (http.endpoint): 'func' refers to 'app:gret', but no entry has that id; the function entries are: app:greet, app:ok");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void A_meta_server_that_is_not_a_service_is_reported_at_its_value()
    {
        var yaml = Registry("""
              - name: v1
                kind: http.router
                meta:
                  server: greet
            """);

        var result = ErrorScenario.Run(yaml);

        Is(Exactly(result, "WIPPY0032", "WIPPY0041").Single(d => d.Id == "WIPPY0032"), ErrorScenario.Path, TextPosition.After(yaml, "server: "),
            "entry 'app:v1' (http.router): 'meta.server' refers to 'app:greet', which has kind function.wat, but it must name an http.service entry");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:v1");
    }

    [Fact]
    public void A_payload_function_is_reported_at_func_saying_to_add_the_transport()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: hello
                kind: http.endpoint
                method: POST
                path: /hello
                func: ok
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0055"), ErrorScenario.Path, TextPosition.After(yaml, "func: "),
            "entry 'app:hello' (http.endpoint): 'func' names 'app:ok' (function.wat), a payload function, which cannot serve HTTP",
            $"add \"transport: wasi-http\" to 'app:ok' ({ErrorScenario.Path}:", "with the request body as its one string argument (with none when it takes no parameter)");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void A_process_is_reported_at_func()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: assets
                kind: fs.directory
                directory: .
              - name: migrate
                kind: process.wasm
                fs: assets
                path: /migrate.wasm
                hash: sha256:0000000000000000000000000000000000000000000000000000000000000000
                method: run
                wit: "run: func();"
              - name: hello
                kind: http.endpoint
                method: POST
                path: /hello
                func: migrate
            """;

        var result = ErrorScenario.Run(yaml);

        var ds = Exactly(result, "WIPPY0055");
        Is(ds.Single(d => d.Id == "WIPPY0055"), ErrorScenario.Path, TextPosition.After(yaml, "func: "),
            "'func' names 'app:migrate', a process.wasm entry, which runs as a process and cannot serve HTTP; point 'func' at a function.wat or function.wasm entry with \"transport: wasi-http\"");
        ErrorScenario.AssertValidEntryStillEmitted(result); // the process itself is valid: it keeps its spawn method
    }

    [Fact]
    public void A_wasi_http_export_with_other_parameters_is_reported_at_func_saying_what_it_must_take()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: add
                kind: function.wat
                source: |
                  (module (func (export "add") (param i32 i32) (result i32) local.get 0))
                wit: |
                  add: func(a: s32, b: s32) -> s32;
                method: add
                transport: wasi-http
              - name: add_endpoint
                kind: http.endpoint
                method: POST
                path: /add
                func: add
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0055"), ErrorScenario.Path, TextPosition.After(yaml, "func: "),
            "entry 'app:add_endpoint' (http.endpoint): 'func' names 'app:add' (function.wat), whose export is add: func(a: s32, b: s32) -> s32; a wasi-http export must take () or (body: string)",
            "give it the signature \"add: func(body: string) -> s32;\" (any result)");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Theory]
    [InlineData("f: func(body: list<u8>) -> u32;")]
    [InlineData("f: func(a: string, b: string);")]
    [InlineData("f: func(n: u32) -> string;")]
    public void Only_no_parameter_or_one_string_can_take_a_request(string wit)
    {
        var yaml = CalledByAnEndpoint(wit);

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0055"), ErrorScenario.Path, TextPosition.After(yaml, "func: "), "a wasi-http export must take () or (body: string)");
    }

    [Theory]
    [InlineData("f: func();")]
    [InlineData("f: func() -> list<u8>;")]
    [InlineData("f: func(body: string);")]
    [InlineData("f: func(text: string) -> option<u32>;")]
    public void No_parameter_or_one_string_with_any_result_serves_HTTP(string wit)
    {
        var yaml = CalledByAnEndpoint(wit);

        var result = ErrorScenario.Run(yaml);

        Exactly(result);
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void A_component_whose_signature_is_known_from_its_facts_is_checked_too()
    {
        var yaml = SmallRegistries.ComponentRun("app", """
                transport: wasi-http
              - name: run_endpoint
                kind: http.endpoint
                method: POST
                path: /run
                func: run
            """);
        var facts = SmallRegistries.RunFacts("app:run");

        var result = ErrorScenario.Run(yaml, ("wippy.modules.txt", facts));

        Is(Single(result, "WIPPY0055"), ErrorScenario.Path, TextPosition.After(yaml, "func: "),
            "'func' names 'app:run' (function.wasm), whose export is run: func(x: s32) -> s32; a wasi-http export must take () or (body: string)");
    }

    [Fact]
    public void A_lua_function_serves_an_endpoint_without_a_word()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: handler
                kind: function.lua
                source: |
                  function handler(body) return body end
                method: handler
              - name: hello
                kind: http.endpoint
                method: POST
                path: /hello
                func: handler
            """;

        var result = ErrorScenario.Run(yaml);

        Assert.Empty(result.Diagnostics);
        Assert.Contains("new global::Wippy.Host.Registry.HttpEndpointDescriptor(\"app:hello\", \"POST\", \"/hello\", \"app:handler\", null,", result.Source("Wippy.app.Registration.g.cs"), StringComparison.Ordinal);
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void An_endpoint_in_another_namespace_is_checked_against_the_function_where_it_is()
    {
        var registry = new TestRegistry();
        registry.Add("math/_index.yaml", """
            namespace: math
            entries:
              - name: add
                kind: function.wat
                source: |
                  (module (func (export "add") (param i32 i32) (result i32) local.get 0))
                wit: |
                  add: func(a: s32, b: s32) -> s32;
                method: add
                transport: wasi-http
            """);
        const string web = """
            namespace: web
            entries:
              - name: add
                kind: http.endpoint
                method: POST
                path: /add
                func: math:add
            """;
        registry.Add("web/_index.yaml", web);

        var result = registry.Run();

        Is(Single(result, "WIPPY0055"), TestRegistry.Root + "web/_index.yaml", TextPosition.After(web, "func: "),
            "entry 'web:add' (http.endpoint): 'func' names 'math:add' (function.wat), whose export is add: func(a: s32, b: s32) -> s32");
    }
}
