namespace Wippy.Diagnostics;

/// <summary>How serious a <see cref="WippyDiagnostic"/> is.</summary>
public enum WippySeverity
{
    /// <summary>Breaks the build.</summary>
    Error,
    /// <summary>Worth fixing, does not break the build.</summary>
    Warning,
    /// <summary>For information only.</summary>
    Info,
}

/// <summary>
/// A mistake found in a registry, a WIT file or a module, with a stable id (<c>WIPPY0001</c>…, listed in
/// docs/diagnostics.md) and the place it was found. The generator turns it into a compiler diagnostic;
/// the host turns it into a load error.
/// </summary>
/// <param name="Id">Stable id such as <c>WIPPY0001</c>.</param>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="Message">What is wrong and what to write instead.</param>
/// <param name="Position">Where it was found.</param>
public sealed record WippyDiagnostic(string Id, WippySeverity Severity, string Message, SourcePosition Position)
{
    /// <inheritdoc />
    public override string ToString() => $"{Position}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
