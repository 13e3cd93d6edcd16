using Wippy.Generators.Model;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// What the registry front end cannot check about an endpoint's function, because it needs the function's signature
/// (known only once every namespace's models are built, the function's wherever it is declared): a wasi-http export is
/// called with the request body as one string, so it must take <c>()</c> or <c>(body: string)</c>
/// (<see cref="RegistryDiagnosticIds.EndpointCannotServeHttp"/>). An endpoint calling a <c>function.lua</c> is warned
/// that Lua endpoints are not served yet (<see cref="RegistryDiagnosticIds.LuaEndpointNotServedYet"/>). Kinds and
/// transports that cannot serve HTTP are <see cref="RegistryValidator"/>'s.
/// </summary>
internal static class HttpFunctionChecks
{
    public static void Check(HttpRouting routing, IEnumerable<FunctionModel> functions, ModelDiagnostics diagnostics)
    {
        var models = new Dictionary<string, FunctionModel>(StringComparer.Ordinal);
        foreach (var f in functions) models[f.Id] = f;
        foreach (var endpoint in routing.Endpoints)
        {
            if (endpoint.Func is not { } func) continue;
            var label = $"entry '{endpoint.Id}' ({endpoint.Kind})";
            switch (routing.Find(func.Id))
            {
                case LuaFunctionEntry lua:
                    diagnostics.Report(RegistryDiagnosticIds.LuaEndpointNotServedYet, func.Position,
                        $"{label}: 'func' names the function.lua entry '{lua.Id}'; Lua HTTP handlers are not served yet, so this endpoint answers 501 Not Implemented until they are; " +
                        "to serve it now, point 'func' at a function.wat or function.wasm entry with \"transport: wasi-http\"");
                    break;
                case FunctionEntry { Transport: FunctionTransport.WasiHttp, IsProcess: false } when models.TryGetValue(func.Id, out var model) && !TakesBodyOrNothing(model):
                    // A function whose model was left out had its own mistake reported; it is not checked here.
                    diagnostics.Report(RegistryDiagnosticIds.EndpointCannotServeHttp, func.Position,
                        $"{label}: 'func' names '{model.Id}' ({model.Kind}), whose export is {model.WitSignature}; a wasi-http export must take () or (body: string), " +
                        $"since it is called with the request body as one string (with nothing when it takes no parameter); give it the signature \"{BodySignature(model)};\" (any result), or point 'func' at another function");
                    break;
            }
        }
    }

    /// <summary>No parameter, or one <c>string</c>: what the wasi-http transport can call.</summary>
    private static bool TakesBodyOrNothing(FunctionModel f) =>
        f.Params.Count == 0 || (f.Params.Count == 1 && f.Params[0].Type is PrimitiveType { Kind: PrimitiveKind.String });

    /// <summary>The function's signature taking the body instead of its parameters (<c>add: func(body: string) -&gt; s32</c>).</summary>
    private static string BodySignature(FunctionModel f)
    {
        var name = f.Method.Substring(f.Method.LastIndexOf('#') + 1);
        return WitSpelling.Signature(name, new[] { new ParamModel("body", "body", new PrimitiveType(PrimitiveKind.String)) }, f.Result);
    }
}
