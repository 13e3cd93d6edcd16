using Wippy.Generators.Model;
using Wippy.Generators.Pipeline.Entries;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// Builds the model of one registry namespace from its entries: each entry goes to the builder of its kind, C# member
/// names are checked for collisions, and the named WIT types and imported interfaces of its functions are gathered.
/// </summary>
internal sealed class NamespaceModelBuilder
{
    private readonly ModelDiagnostics _diagnostics;
    private readonly FunctionModelBuilder _functions;
    private readonly LuaFunctionModelBuilder _lua;
    private readonly ResourceEntryModels _resources;
    private readonly HttpEntryModels _http;
    private readonly HttpRouting _routing;

    public NamespaceModelBuilder(GeneratorInputs inputs, ModelDiagnostics diagnostics)
    {
        _diagnostics = diagnostics;
        _functions = new FunctionModelBuilder(inputs, diagnostics);
        _lua = new LuaFunctionModelBuilder(inputs, diagnostics);
        _resources = new ResourceEntryModels(inputs);
        _http = new HttpEntryModels(inputs);
        _routing = inputs.Http;
    }

    public NamespaceModel Build(NamespacePlan plan)
    {
        var functions = new List<(FunctionEntry Entry, FunctionModel Model)>();
        var luaFunctions = new List<(LuaFunctionEntry Entry, LuaFunctionModel Model)>();
        var fsDirectories = new List<FsDirectoryModel>();
        var envVariables = new List<EnvVariableModel>();
        var envStorages = new List<EnvStorageModel>();
        var httpServices = new List<HttpServiceModel>();
        var httpRouters = new List<HttpRouterModel>();
        var httpEndpoints = new List<HttpEndpointModel>();
        var members = new MemberNames(_diagnostics);
        foreach (var entry in plan.Entries)
        {
            if (RegistryKinds.Find(entry.Kind) is { NotRunYet: { } notRunYet })
            {
                // A kind of the registry format this runtime does not run yet: said at the entry, never dropped silently.
                _diagnostics.Report(RegistryDiagnosticIds.KindNotRunYet, entry.KindPosition, $"entry '{entry.Id}' ({entry.Kind}): {notRunYet}");
                continue;
            }
            switch (entry)
            {
                case FunctionEntry f:
                    if (f.Transport == FunctionTransport.WasiHttp && !_routing.IsCalled(f.Id))
                    {
                        _diagnostics.Report(RegistryDiagnosticIds.WasiHttpWithoutEndpoint, f.PositionOf("transport"),
                            $"entry '{f.Id}' ({f.Kind}): transport wasi-http, but no http.endpoint calls this function, so nothing calls it over HTTP: a wasi-http function can only be called through an http.endpoint; " +
                            $"add one with \"func: {f.Id}\" (kind: http.endpoint, method, path), or remove 'transport' to call it with its parameters as a payload function");
                    }
                    // The name is claimed before the model is built: an entry with a mistake still owns its method name.
                    if (members.Claim(CsNaming.EntryMethod(f.Name, f.Namespace), f.Id, f.NamePosition) && _functions.Build(f) is { } model) functions.Add((f, model));
                    break;
                case LuaFunctionEntry lua when _lua.Build(lua) is { } luaModel:
                    // A typed Lua function gets a proxy method next to the WASM functions' ones.
                    if (luaModel.Signature is null || members.Claim(luaModel.CsName, lua.Id, lua.NamePosition)) luaFunctions.Add((lua, luaModel));
                    break;
                case EnvVariableEntry v:
                    envVariables.Add(_resources.EnvVariable(v));
                    break;
                case EnvStorageEntry st:
                    envStorages.Add(_resources.EnvStorage(st));
                    break;
                case FsDirectoryEntry fs when _resources.FsDirectory(fs) is { } fsModel:
                    fsDirectories.Add(fsModel);
                    break;
                case HttpServiceEntry service when _http.Service(service) is { } serviceModel:
                    httpServices.Add(serviceModel);
                    break;
                case HttpRouterEntry router when _http.Router(router) is { } routerModel:
                    httpRouters.Add(routerModel);
                    break;
                case HttpEndpointEntry endpoint when _http.Endpoint(endpoint) is { } endpointModel:
                    httpEndpoints.Add(endpointModel);
                    break;
            }
        }

        // Named types in first-use order: the WASM functions' signatures (and their components' imports), then the typed Lua functions'.
        var types = new NamedTypeCollector(plan.RegistryNamespace, _diagnostics);
        foreach (var (entry, f) in functions)
        {
            types.Add(f.Id, ModuleChecks.SignaturePosition(entry),
                f.Params.Select(p => p.Type).Append(f.Result).Concat(f.ComponentImports.SelectMany(i => i.Params.Select(p => p.Type).Append(i.Result))));
        }
        foreach (var (entry, lua) in luaFunctions)
        {
            if (lua.Signature is { } s) types.Add(lua.Id, entry.Wit!.Position, s.Params.Select(p => p.Type).Append(s.Result));
        }

        // Components served through wasi:http/incoming-handler have only a descriptor: no proxy, no binders.
        var handlers = functions.Where(f => f.Model.IncomingHandler).Select(f => f.Model).ToList();
        var functionModels = functions.Where(f => !f.Model.IncomingHandler).Select(f => f.Model).ToList();
        return new NamespaceModel(plan.RegistryNamespace, plan.CsNamespace, plan.CsClassName,
            functionModels.OrderBy(f => f.Id, StringComparer.Ordinal).ToEquatableArray(),
            fsDirectories.OrderBy(f => f.Id, StringComparer.Ordinal).ToEquatableArray(),
            types.Types)
        {
            ImportInterfaces = ImportInterfaceGrouping.Group(functionModels.Concat(handlers).ToList()),
            LuaFunctions = luaFunctions.Select(l => l.Model).OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
            EnvVariables = envVariables.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
            EnvStorages = envStorages.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
            HttpServices = httpServices.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
            HttpRouters = httpRouters.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
            HttpEndpoints = httpEndpoints.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
            HttpHandlers = handlers.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray(),
        };
    }
}
