
namespace Wippy.Diagnostics;

/// <summary>
/// A mistake found in a registry, a WIT file or a module, with a stable id (<c>WIPPY0001</c>…, listed in
/// docs/diagnostics.md) and the place it was found. Its severity, title and help link are the id's entry in
/// <see cref="DiagnosticCatalog"/>; the place that finds the mistake gives only the id, the message and the position.
/// The generator turns it into a compiler diagnostic; the host turns it into a load error.
/// </summary>
public sealed record WippyDiagnostic
{
    /// <summary>A diagnostic of <paramref name="id"/>, with the severity the catalogue gives that id.</summary>
    /// <param name="id">A stable id, one of the constants of <c>RegistryDiagnosticIds</c>, <c>WitDiagnosticIds</c>, <c>ModuleDiagnosticIds</c>.</param>
    /// <param name="message">What is wrong and what to write instead.</param>
    /// <param name="position">Where it was found.</param>
    public WippyDiagnostic(string id, string message, SourcePosition position)
    {
        Id = id;
        Message = message;
        Position = position;
    }

    /// <summary>Stable id such as <c>WIPPY0001</c>.</summary>
    public string Id { get; }

    /// <summary>What is wrong and what to write instead.</summary>
    public string Message { get; init; }

    /// <summary>Where it was found.</summary>
    public SourcePosition Position { get; init; }

    /// <summary>The id's catalogue entry (<see cref="DiagnosticCatalog.UnknownId"/> for an id the catalogue does not list).</summary>
    public WippyDiagnosticDescriptor Descriptor => DiagnosticCatalog.For(Id);

    /// <summary>Error, warning or info: the catalogue's severity for <see cref="Id"/> (error for an id it does not list).</summary>
    public WippySeverity Severity => Descriptor.Severity;

    /// <inheritdoc />
    public override string ToString() => $"{Position}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
