using Microsoft.CodeAnalysis;
using Wippy.Diagnostics;
using Wippy.Generators.Diagnostics;

namespace Wippy.Generators.Tests.Support;

/// <summary>
/// Checks every diagnostic a generator run reported against <see cref="DiagnosticCatalog"/> and docs/diagnostics.md:
/// its id has an entry (not the stand-in for unknown ids, not a retired id), a row and an anchor in the doc, and its
/// descriptor has the entry's title, message format, category, severity and help link. <see cref="GeneratorHarness"/>
/// runs it after every run, so a test that makes the generator report a new id without an entry or a row fails.
/// </summary>
internal static class CatalogueCheck
{
    /// <summary>Fails the test when <see cref="Problems"/> finds anything.</summary>
    public static void Reported(IEnumerable<Diagnostic> diagnostics)
    {
        var problems = Problems(diagnostics, DiagnosticsDoc.Repository);
        Assert.True(problems.Count == 0, "reported diagnostics that the catalogue or docs/diagnostics.md lack:\n" + string.Join("\n", problems));
    }

    /// <summary>One line per thing wrong with <paramref name="diagnostics"/>, against the catalogue and <paramref name="doc"/>.</summary>
    public static List<string> Problems(IEnumerable<Diagnostic> diagnostics, DiagnosticsDoc doc)
    {
        var problems = new List<string>();
        foreach (var d in diagnostics)
        {
            // The compiler's own diagnostics (such as CS8785, a generator that threw) are not Wippy's to catalogue.
            if (d.Id.StartsWith("CS", StringComparison.Ordinal)) continue;
            var entry = DiagnosticCatalog.Find(d.Id);
            if (entry is null)
            {
                problems.Add($"{d.Id} is not in DiagnosticCatalog: {d.GetMessage()}");
                continue;
            }
            if (entry.Id == InternalDiagnosticIds.UnknownDiagnosticId)
            {
                problems.Add($"{d.Id}: the generator reported an id that has no catalogue entry or no descriptor: {d.GetMessage()}");
                continue;
            }
            if (entry.IsRetired) problems.Add($"{d.Id} is retired and must not be reported: {d.GetMessage()}");
            var descriptor = d.Descriptor;
            var severity = RoslynDescriptors.SeverityOf(entry.Severity);
            if (descriptor.Title.ToString() != entry.Title) problems.Add($"{d.Id}: title '{descriptor.Title}', the catalogue's is '{entry.Title}'");
            if (descriptor.MessageFormat.ToString() != entry.MessageFormat) problems.Add($"{d.Id}: message format '{descriptor.MessageFormat}', the catalogue's is '{entry.MessageFormat}'");
            if (descriptor.Category != entry.CategoryName) problems.Add($"{d.Id}: category '{descriptor.Category}', the catalogue's is '{entry.CategoryName}'");
            if (descriptor.DefaultSeverity != severity || d.Severity != severity) problems.Add($"{d.Id}: severity {descriptor.DefaultSeverity}/{d.Severity}, the catalogue's is {severity}");
            if (descriptor.HelpLinkUri != entry.HelpLink) problems.Add($"{d.Id}: help link '{descriptor.HelpLinkUri}', the catalogue's is '{entry.HelpLink}'");
            if (!descriptor.IsEnabledByDefault) problems.Add($"{d.Id}: the descriptor is disabled by default");
            if (doc.ProblemWith(entry) is { } docProblem) problems.Add(docProblem);
        }
        return problems;
    }
}
