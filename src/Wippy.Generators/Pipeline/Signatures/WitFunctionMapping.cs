using Wippy.Generators.Model;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Signatures;

/// <summary>Maps a WIT function found by one of the WIT signature builders to a <see cref="Signature"/>.</summary>
internal static class WitFunctionMapping
{
    /// <summary>The signature, or null when a type of it cannot be used (each such type is reported by <paramref name="mapper"/>).</summary>
    public static Signature? Map(WitFunction function, WitTypeMapper mapper, ModelDiagnostics diagnostics)
    {
        var before = diagnostics.Count;
        var parameters = new List<ParamModel>();
        foreach (var p in function.Params)
        {
            var t = mapper.Map(p.Type);
            if (t is not null) parameters.Add(new ParamModel(p.Name, CsNaming.Camel(p.Name), t));
        }
        var result = function.Result is null ? null : mapper.Map(function.Result);
        if (diagnostics.Count != before) return null;
        return Signature.Of(function.Name, parameters, result, function.Docs);
    }

    /// <summary>The function a <c>method:</c> names: the part after '#' for an interface function (<c>calc#add</c> → <c>add</c>).</summary>
    public static string FunctionName(string method) => method.IndexOf('#') is var hash and >= 0 ? method.Substring(hash + 1) : method;
}
