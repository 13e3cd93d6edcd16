using Wippy.Generators.Model;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// The model step: from the parsed registry, one <see cref="NamespaceModel"/> per registry namespace (grouped and named
/// by <see cref="NamespaceGrouping"/>, built by <see cref="NamespaceModelBuilder"/>). Every problem is reported through
/// <see cref="ModelDiagnostics.Report"/>; an entry with a problem is left out of the proxies, the rest still compile.
/// Nothing here knows how code is emitted.
/// </summary>
internal static class ModelBuilder
{
    public static IReadOnlyList<NamespaceModel> Build(GeneratorInputs inputs, ModelDiagnostics diagnostics)
    {
        var builder = new NamespaceModelBuilder(inputs, diagnostics);
        var namespaces = NamespaceGrouping.Group(inputs.Documents, inputs.RootNamespace, diagnostics).Select(builder.Build).ToList();
        // An endpoint and its function may be in different namespaces: their signatures are all known only now.
        HttpFunctionChecks.Check(inputs.Http, namespaces.SelectMany(n => n.Functions.Concat(n.HttpHandlers)), diagnostics);
        return namespaces;
    }
}
