namespace Wippy.Generators.Model;

/// <summary>
/// A function's typed signature, whichever source it came from (a <c>wit:</c> block or file, a WIT package, the WIT a
/// component carries, or the core type of an export): its parameters, its result, the WIT text the proxies quote, and
/// the WIT doc comment of the function, if any.
/// </summary>
/// <param name="Params">The parameters, in order.</param>
/// <param name="Result">The result type, or null for a function that returns nothing.</param>
/// <param name="WitText">The signature spelled in WIT (<c>greet: func(name: string) -> string</c>), for docs and checks.</param>
/// <param name="Docs">The function's WIT doc comment, or null.</param>
internal sealed record Signature(EquatableArray<ParamModel> Params, TypeModel? Result, string WitText, string? Docs)
{
    /// <summary>The resources the component defines that the signature uses (and, through their members, those they use).</summary>
    public EquatableArray<ResourceClassModel> Resources { get; init; }

    /// <summary>A signature whose WIT text is spelled from its parts.</summary>
    public static Signature Of(string name, IEnumerable<ParamModel> parameters, TypeModel? result, string? docs = null)
    {
        var list = parameters.ToEquatableArray();
        return new Signature(list, result, WitSpelling.Signature(name, list, result), docs);
    }
}
