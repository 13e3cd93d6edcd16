using Wippy.Diagnostics;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// Collects the diagnostics of the model step. Every problem the generator finds itself goes through
/// <see cref="Report"/>, the one place that decides how a diagnostic is made (its severity); diagnostics already
/// made elsewhere (the registry parser, the WIT parser and resolver, the build step's facts) are passed on with
/// <see cref="Forward"/>.
/// </summary>
internal sealed class ModelDiagnostics
{
    private readonly List<WippyDiagnostic> _items = new();

    /// <summary>Everything reported or forwarded so far, in order.</summary>
    public IReadOnlyList<WippyDiagnostic> Items => _items;

    /// <summary>How many diagnostics there are so far (a builder compares it before and after a step to see whether the step failed).</summary>
    public int Count => _items.Count;

    /// <summary>Reports a problem the generator found, at <paramref name="position"/>; its severity comes from the catalogue (<see cref="DiagnosticCatalog"/>).</summary>
    public void Report(string id, SourcePosition position, string message) =>
        _items.Add(new WippyDiagnostic(id, message, position));

    /// <summary>Passes on diagnostics made by another part (a parser, the resolver, the build step) unchanged.</summary>
    public void Forward(IEnumerable<WippyDiagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>True when one of <paramref name="diagnostics"/> is an error.</summary>
    public static bool HasErrors(IEnumerable<WippyDiagnostic> diagnostics) => diagnostics.Any(d => d.Severity == WippySeverity.Error);
}
