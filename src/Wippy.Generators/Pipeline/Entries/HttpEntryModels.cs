using Wippy.Generators.Model;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>
/// The models of the HTTP entries, with every reference resolved to a full id: a router's service through the
/// registry's routing (<see cref="HttpRouting"/>: its <c>meta.server</c>, the only service, or <c>""</c> for the default
/// one). An entry whose mistake was reported by the registry front end (a missing field, an ambiguous service) is
/// left out (null).
/// </summary>
internal sealed class HttpEntryModels(GeneratorInputs inputs)
{
    public HttpServiceModel? Service(HttpServiceEntry s) =>
        s.Address is null ? null : new HttpServiceModel(s.Id, s.Address, inputs.DeclaredAt(s.Position));

    public HttpRouterModel? Router(HttpRouterEntry r) =>
        inputs.Http.ServiceOf(r) is { } service ? new HttpRouterModel(r.Id, r.Prefix, service, inputs.DeclaredAt(r.Position)) : null;

    public HttpEndpointModel? Endpoint(HttpEndpointEntry e) =>
        e is { Method: { } method, Path: { } path, Func: { } func }
            ? new HttpEndpointModel(e.Id, method, path, func.Id, e.Router?.Id, inputs.DeclaredAt(e.Position))
            : null;
}
