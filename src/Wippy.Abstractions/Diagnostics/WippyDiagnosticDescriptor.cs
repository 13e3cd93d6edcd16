namespace Wippy.Diagnostics;

/// <summary>
/// One entry of <see cref="DiagnosticCatalog"/>: what a diagnostic id means (its title), how serious it is, what it is
/// about and where it is documented. Plain data, so the build step and the host can use it; the source generator
/// turns each entry into one compiler descriptor.
/// </summary>
public sealed class WippyDiagnosticDescriptor
{
    internal WippyDiagnosticDescriptor(
        string id, WippySeverity severity, WippyDiagnosticCategory category, string title, string messageFormat, bool isRetired)
    {
        Id = id;
        Severity = severity;
        Category = category;
        Title = title;
        MessageFormat = messageFormat;
        IsRetired = isRetired;
        HelpLink = DiagnosticHelpLink.For(id);
    }

    /// <summary>The stable id, such as <c>WIPPY0001</c>.</summary>
    public string Id { get; }

    /// <summary>The severity every diagnostic with this id has.</summary>
    public WippySeverity Severity { get; }

    /// <summary>What the id is about (registry, WIT, module, or Wippy itself).</summary>
    public WippyDiagnosticCategory Category { get; }

    /// <summary>The compiler category name: <c>Wippy.Registry</c>, <c>Wippy.Wit</c>, <c>Wippy.Module</c> or <c>Wippy.Internal</c>.</summary>
    public string CategoryName => "Wippy." + Category;

    /// <summary>A short phrase saying what is wrong, without the details of one case (no final period).</summary>
    public string Title { get; }

    /// <summary>
    /// The composite format of the message. For the ids of app mistakes it is <c>{0}</c>: the place that finds the
    /// mistake writes the whole message (the entry, the value, what to write instead).
    /// </summary>
    public string MessageFormat { get; }

    /// <summary>True for an id that is no longer reported; it stays listed so that it is never reused.</summary>
    public bool IsRetired { get; }

    /// <summary>The id's anchor in docs/diagnostics.md (see <see cref="DiagnosticHelpLink"/>).</summary>
    public string HelpLink { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Severity.ToString().ToLowerInvariant()}): {Title}";
}
