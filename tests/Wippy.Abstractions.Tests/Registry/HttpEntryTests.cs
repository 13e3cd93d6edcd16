using Wippy.Diagnostics;
using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>The fields of <c>http.service</c>, <c>http.router</c> and <c>http.endpoint</c>, one file at a time: values, and each mistake at its line.</summary>
public sealed class HttpEntryTests
{
    /// <summary>An http.service; lines: 3 '- name: web' (column 5), 5 addr (value at column 11).</summary>
    private static string Service(string addr) =>
        $"namespace: myns\nentries:\n  - name: web\n    kind: http.service\n    addr: {addr}\n";

    /// <summary>An http.router; lines: 3 '- name: v1' (column 5), 5 prefix (value at column 13); <paramref name="extra"/> from line 6.</summary>
    private static string Router(string prefix, string extra = "") =>
        $"namespace: myns\nentries:\n  - name: v1\n    kind: http.router\n    prefix: {prefix}\n{extra}";

    /// <summary>An http.endpoint; lines: 3 '- name: hello' (column 5), 5 method (value at column 13), 6 path (column 11), 7 func (column 11); <paramref name="extra"/> from line 8.</summary>
    private static string Endpoint(string method = "GET", string path = "/hello", string func = "greet", string extra = "") =>
        $"namespace: myns\nentries:\n  - name: hello\n    kind: http.endpoint\n    method: {method}\n    path: {path}\n    func: {func}\n{extra}";

    [Theory]
    [InlineData("\":8080\"", ":8080")]
    [InlineData(":8080", ":8080")]
    [InlineData("'127.0.0.1:8080'", "127.0.0.1:8080")]
    [InlineData("localhost:8080", "localhost:8080")]
    [InlineData("\"[::1]:8080\"", "[::1]:8080")]
    [InlineData("0.0.0.0:0", "0.0.0.0:0")]
    [InlineData("\"[2001:db8::7]:65535\"", "[2001:db8::7]:65535")]
    public void A_service_listens_on_its_addr(string written, string address)
    {
        var result = Parse(Service(written));

        Assert.Empty(result.Diagnostics);
        var service = Entry<HttpServiceEntry>(result.Document!, "web");
        Assert.Equal(address, service.Address);
        Assert.Equal("myns:web", service.Id);
        Assert.Equal(RegistryKinds.HttpService, service.Kind);
    }

    [Theory]
    [InlineData("8080", "has a port but no ':'")]
    [InlineData("'127.0.0.1'", "is not [host]:port")]
    [InlineData("'127.0.0.1:'", "has no port after ':'")]
    [InlineData("'127.0.0.1:65536'", "'65536' is not a port from 0 to 65535")]
    [InlineData("'127.0.0.1:http'", "'http' is not a port")]
    [InlineData("'example.com:80'", "'example.com' is not an IP address of this machine or localhost")]
    [InlineData("'256.0.0.1:80'", "'256.0.0.1' is not an IP address")]
    [InlineData("'010.0.0.1:80'", "'010.0.0.1' is not an IP address")]
    [InlineData("'::1:8080'", "must be written in brackets, e.g. '[::1]:8080'")]
    [InlineData("'[1.2.3.4]:80'", "'[1.2.3.4]' is not an IP address")]
    public void A_bad_addr_is_an_error_at_its_value_saying_what_to_write(string written, string problem)
    {
        var result = Parse(Service(written));

        var d = Single(result.Diagnostics, RegistryDiagnosticIds.InvalidHttpAddress, 5, 11);
        Assert.Contains("entry 'myns:web' (http.service): 'addr' is not a listen address", d.Message, StringComparison.Ordinal);
        Assert.Contains(problem, d.Message, StringComparison.Ordinal);
        Assert.Contains("write \"addr: ':8080'\" (every interface), \"addr: '127.0.0.1:8080'\"", d.Message, StringComparison.Ordinal);
        Assert.Null(Entry<HttpServiceEntry>(result.Document!, "web").Address);
    }

    [Fact]
    public void A_service_needs_addr_and_has_no_other_field()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: web\n    kind: http.service\n    port: 8080\n");

        Assert.Equal(2, result.Diagnostics.Count);
        var missing = result.Diagnostics.Single(d => d.Id == RegistryDiagnosticIds.MissingRequiredField);
        Assert.Equal((3, 5), (missing.Position.Line, missing.Position.Column));
        Assert.Contains("missing the required field 'addr'; add e.g. \"addr: ':8080'\"", missing.Message, StringComparison.Ordinal);
        var unknown = result.Diagnostics.Single(d => d.Id == RegistryDiagnosticIds.UnknownField);
        Assert.Equal(WippySeverity.Warning, unknown.Severity);
        Assert.Equal((5, 5), (unknown.Position.Line, unknown.Position.Column));
        Assert.Contains("http.service has the fields name, kind, meta, addr", unknown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api", "/api")]
    [InlineData("/api/", "/api")]
    [InlineData("/", "")]
    [InlineData("~", "")]
    [InlineData("/v1/{tenant}/", "/v1/{tenant}")]
    public void A_router_prefix_starts_with_a_slash_and_loses_its_trailing_one(string written, string prefix)
    {
        var result = Parse(Router(written));

        Assert.Empty(result.Diagnostics);
        var router = Entry<HttpRouterEntry>(result.Document!, "v1");
        Assert.Equal(prefix, router.Prefix);
        Assert.Null(router.Server);
    }

    [Fact]
    public void A_router_without_prefix_has_none()
    {
        var router = Entry<HttpRouterEntry>(ParseClean("namespace: myns\nentries:\n  - name: v1\n    kind: http.router\n"), "v1");

        Assert.Equal("", router.Prefix);
    }

    [Theory]
    [InlineData("api", "'prefix' is a path without a leading '/' ('api'); write \"prefix: /api\"")]
    [InlineData("api/", "'prefix' is a path without a leading '/' ('api/'); write \"prefix: /api\"")]
    [InlineData("//", "'prefix' has an empty segment")]
    [InlineData("/a//b", "write \"prefix: /a/b\"")]
    [InlineData("\"/a b\"", "has the character ' ' in the segment 'a b'; a literal segment holds ASCII letters, digits and -._~!$&'()*+,;=:@%")]
    public void A_bad_prefix_is_an_error_at_its_value(string written, string message)
    {
        var result = Parse(Router(written));

        var d = Single(result.Diagnostics, RegistryDiagnosticIds.InvalidHttpPath, 5, 13);
        Assert.Contains("entry 'myns:v1' (http.router): ", d.Message, StringComparison.Ordinal);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.Equal("", Entry<HttpRouterEntry>(result.Document!, "v1").Prefix);
    }

    [Fact]
    public void A_router_names_its_service_in_meta_server()
    {
        var document = Parse(Router("/api", "    meta:\n      comment: the API\n      server: web\n")).Document!;

        var router = Entry<HttpRouterEntry>(document, "v1");
        Assert.Equal(("web", "myns:web"), (router.Server!.Raw, router.Server.Id));
        Assert.Equal((8, 15), (router.Server.Position.Line, router.Server.Position.Column));
        Assert.Equal("the API", router.Meta.Comment);
    }

    [Fact]
    public void A_malformed_meta_server_is_an_error_at_its_value()
    {
        var result = Parse(Router("/api", "    meta: { server: 'a:b:c' }\n"));

        var d = Single(result.Diagnostics, RegistryDiagnosticIds.InvalidReference, 6, 21);
        Assert.Contains("'meta.server' is not a valid entry reference ('a:b:c')", d.Message, StringComparison.Ordinal);
        Assert.Null(Entry<HttpRouterEntry>(result.Document!, "v1").Server);
    }

    [Fact]
    public void An_endpoint_has_a_method_a_path_a_function_and_maybe_a_router()
    {
        var document = Parse(Endpoint("post", "/users/{id}", "lib:greet", "    meta:\n      router: v1\n")).Document!;

        var endpoint = Entry<HttpEndpointEntry>(document, "hello");
        Assert.Equal("POST", endpoint.Method);
        Assert.Equal("/users/{id}", endpoint.Path);
        Assert.Equal(("lib:greet", 7, 11), (endpoint.Func!.Id, endpoint.Func.Position.Line, endpoint.Func.Position.Column));
        Assert.Equal(("myns:v1", 9, 15), (endpoint.Router!.Id, endpoint.Router.Position.Line, endpoint.Router.Position.Column));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("post")]
    [InlineData("Put")]
    [InlineData("PATCH")]
    [InlineData("delete")]
    [InlineData("HEAD")]
    [InlineData("options")]
    public void Every_method_is_read_in_upper_case(string method)
    {
        var result = Parse(Endpoint(method));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(method.ToUpperInvariant(), Entry<HttpEndpointEntry>(result.Document!, "hello").Method);
    }

    [Theory]
    [InlineData("FETCH")]
    [InlineData("CONNECT")]
    [InlineData("'GET '")]
    public void An_unknown_method_is_an_error_listing_the_methods(string method)
    {
        var result = Parse(Endpoint(method));

        var d = Single(result.Diagnostics, RegistryDiagnosticIds.InvalidHttpMethod, 5, 13);
        Assert.Contains("entry 'myns:hello' (http.endpoint): 'method' is not an HTTP method", d.Message, StringComparison.Ordinal);
        Assert.Contains("write one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, e.g. \"method: POST\"", d.Message, StringComparison.Ordinal);
        Assert.Null(Entry<HttpEndpointEntry>(result.Document!, "hello").Method);
    }

    [Fact]
    public void An_endpoint_needs_method_path_and_func()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: hello\n    kind: http.endpoint\n    meta: { router: v1 }\n");

        Assert.Equal(3, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.Equal((RegistryDiagnosticIds.MissingRequiredField, 3, 5), (d.Id, d.Position.Line, d.Position.Column)));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("'method'; add e.g. \"method: GET\"", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("'path'; add e.g. \"path: /api/greet\"", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("'func'; add e.g. \"func: greet\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_endpoint_has_no_router_field_at_its_root()
    {
        var d = SingleFor(Endpoint(extra: "    router: v1\n"), RegistryDiagnosticIds.UnknownField, 8, 5, WippySeverity.Warning);

        Assert.Contains("http.endpoint has the fields name, kind, meta, method, path, func", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/greet")]
    [InlineData("/users/{id}/posts/{post_id}")]
    [InlineData("/{_x1}")]
    [InlineData("\"/a-b._~!$&'()*+,;=:@%20/v1.0\"")]
    public void Valid_paths(string path)
    {
        var result = Parse(Endpoint(path: path));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(Entry<HttpEndpointEntry>(result.Document!, "hello").Path);
    }

    [Theory]
    [InlineData("api/greet", "'path' is a path without a leading '/' ('api/greet'); write \"path: /api/greet\"")]
    [InlineData("/a//b", "'path' has an empty segment (segments are separated by a single '/', and only the root '/' ends with one) ('/a//b'); write \"path: /a/b\"")]
    [InlineData("/users/", "write \"path: /users\"")]
    [InlineData("\"/hello world\"", "has the character ' ' in the segment 'hello world'; a literal segment holds ASCII letters, digits and -._~!$&'()*+,;=:@% (percent-encode anything else, e.g. %20 for a space) ('/hello world'); write \"path: /hello%20world\"")]
    [InlineData("/café", "write \"path: /caf%C3%A9\"")]
    [InlineData("/100%", "has a '%' that does not start a percent-encoded byte such as %20")]
    [InlineData("/a?b", "has the character '?'")]
    [InlineData("/user-{id}", "has the segment 'user-{id}', but a parameter takes a whole segment between two '/' ({id})")]
    [InlineData("/u/{1st}", "has the parameter '{1st}', whose name is not letters, digits and '_' (not starting with a digit) ('/u/{1st}'); write \"path: /u/{_1st}\"")]
    [InlineData("/u/{user-id}", "write \"path: /u/{user_id}\"")]
    [InlineData("/u/{}", "write \"path: /u/{_}\"")]
    [InlineData("/u/{id}/v/{ID}", "names the parameter {ID} twice; give each parameter its own name ('/u/{id}/v/{ID}'); write \"path: /u/{id}/v/{ID2}\"")]
    public void A_bad_path_is_an_error_at_its_value_with_the_path_to_write(string path, string message)
    {
        var result = Parse(Endpoint(path: path));

        var d = Single(result.Diagnostics, RegistryDiagnosticIds.InvalidHttpPath, 6, 11);
        Assert.Contains("entry 'myns:hello' (http.endpoint): ", d.Message, StringComparison.Ordinal);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.Null(Entry<HttpEndpointEntry>(result.Document!, "hello").Path);
    }

    [Fact]
    public void A_malformed_func_is_an_error_at_its_value()
    {
        var d = SingleFor(Endpoint(func: "'two words'"), RegistryDiagnosticIds.InvalidReference, 7, 11);

        Assert.Contains("'func' is not a valid entry reference ('two words')", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_http_kinds_are_typed_entries_that_run()
    {
        foreach (var kind in new[] { RegistryKinds.HttpService, RegistryKinds.HttpRouter, RegistryKinds.HttpEndpoint })
        {
            Assert.Equal(RegistryKindSupport.Runs, RegistryKinds.Find(kind)!.Support);
            Assert.Contains(kind, RegistryKinds.Implemented);
            Assert.DoesNotContain(kind, RegistryKinds.KnownNotImplemented);
        }
    }
}
