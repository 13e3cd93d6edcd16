namespace Wippy.Diagnostics;

/// <summary>How serious a diagnostic id is. Each id has one severity, set in <see cref="DiagnosticCatalog"/>.</summary>
public enum WippySeverity
{
    /// <summary>Breaks the build (generator) or the load (host).</summary>
    Error,
    /// <summary>Worth fixing, does not break the build.</summary>
    Warning,
    /// <summary>For information only.</summary>
    Info,
}
