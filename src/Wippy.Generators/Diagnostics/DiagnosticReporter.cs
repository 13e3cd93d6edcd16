using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Wippy.Diagnostics;

namespace Wippy.Generators.Diagnostics;

/// <summary>
/// Turns <see cref="WippyDiagnostic"/>s (plain data pointing into YAML, WIT and WAT files) into compiler
/// diagnostics at those files' lines, so a registry mistake shows up like a C# error. The descriptor, and with it
/// the severity, title and help link, is the id's entry of <see cref="RoslynDescriptors"/>; an id without one is
/// reported as <see cref="InternalDiagnosticIds.UnknownDiagnosticId"/>, never dropped.
/// </summary>
internal static class DiagnosticReporter
{
    public static Diagnostic ToRoslyn(WippyDiagnostic d)
    {
        var p = d.Position;
        var start = new LinePosition(Math.Max(0, p.Line - 1), Math.Max(0, p.Column - 1));
        var end = new LinePosition(Math.Max(0, p.EndLine - 1), Math.Max(0, p.EndColumn - 1));
        if (end < start) end = start;
        var location = Location.Create(p.FilePath, default, new LinePositionSpan(start, end));
        return RoslynDescriptors.Find(d.Id) is { } descriptor
            ? Diagnostic.Create(descriptor, location, d.Message)
            : Diagnostic.Create(RoslynDescriptors.UnknownDiagnosticId, location, d.Id, d.Message);
    }
}
