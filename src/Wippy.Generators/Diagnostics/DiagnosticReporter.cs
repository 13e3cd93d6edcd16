using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Wippy.Diagnostics;

namespace Wippy.Generators.Diagnostics;

/// <summary>
/// Turns <see cref="WippyDiagnostic"/>s (plain data pointing into YAML, WIT and WAT files) into compiler
/// diagnostics at those files' lines, so a registry mistake shows up like a C# error.
/// </summary>
internal static class DiagnosticReporter
{
    private static readonly ConcurrentDictionary<(string, WippySeverity), DiagnosticDescriptor> Descriptors = new();

    public static Diagnostic ToRoslyn(WippyDiagnostic d)
    {
        var descriptor = Descriptors.GetOrAdd((d.Id, d.Severity), key => new DiagnosticDescriptor(
            key.Item1,
            title: "Wippy registry " + key.Item1,
            messageFormat: "{0}",
            category: "Wippy",
            defaultSeverity: key.Item2 switch
            {
                WippySeverity.Error => DiagnosticSeverity.Error,
                WippySeverity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            },
            isEnabledByDefault: true,
            helpLinkUri: "docs/diagnostics.md#" + key.Item1.ToLowerInvariant()));
        var p = d.Position;
        var start = new LinePosition(Math.Max(0, p.Line - 1), Math.Max(0, p.Column - 1));
        var end = new LinePosition(Math.Max(0, p.EndLine - 1), Math.Max(0, p.EndColumn - 1));
        if (end < start) end = start;
        var location = Location.Create(p.FilePath, default, new LinePositionSpan(start, end));
        return Diagnostic.Create(descriptor, location, d.Message);
    }
}
