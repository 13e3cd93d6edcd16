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

    /// <summary>
    /// Whether an error about entry <paramref name="entryId"/> was reported already (every message about an entry
    /// starts <c>entry '&lt;id&gt;'</c>): a step that only follows from it (no facts, so no signature) then stays quiet,
    /// so the first error a user reads is the real one.
    /// </summary>
    public bool HasErrorFor(string entryId)
    {
        var prefix = "entry '" + entryId + "'";
        return _items.Any(d => d.Severity == WippySeverity.Error && d.Message.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>True when one of <paramref name="diagnostics"/> is an error.</summary>
    public static bool HasErrors(IEnumerable<WippyDiagnostic> diagnostics) => diagnostics.Any(d => d.Severity == WippySeverity.Error);
}
