using Wippy.Generators.Model;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// What the registry front end cannot check about an endpoint's function, because it needs the function's signature
/// (known only once every namespace's models are built, the function's wherever it is declared): a wasi-http export is
/// called with the request body as one string, so it must take <c>()</c> or <c>(body: string)</c>
/// (<see cref="RegistryDiagnosticIds.EndpointCannotServeHttp"/>). A <c>function.lua</c> serves any request (its
/// <c>http</c> module). Kinds and transports that cannot serve HTTP are <see cref="RegistryValidator"/>'s.
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
