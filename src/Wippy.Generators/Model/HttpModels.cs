namespace Wippy.Generators.Model;

/// <summary>An <c>http.service</c> entry: where it listens (<c>addr</c> as written).</summary>
internal sealed record HttpServiceModel(string Id, string Address, string DeclaredAt);

/// <summary>An <c>http.router</c> entry: its prefix (<c>""</c>: none) and the id of its service (<c>""</c>: the default one).</summary>
internal sealed record HttpRouterModel(string Id, string Prefix, string Service, string DeclaredAt);

/// <summary>An <c>http.endpoint</c> entry: method (upper case), path, the id of its function, the id of its router (null: none).</summary>
internal sealed record HttpEndpointModel(string Id, string Method, string Path, string Function, string? Router, string DeclaredAt);
