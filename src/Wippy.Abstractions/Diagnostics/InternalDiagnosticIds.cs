namespace Wippy.Diagnostics;

/// <summary>
/// The ids of the diagnostics that report a fault of Wippy itself, not a mistake of the app
/// (<c>WIPPY0900</c>–<c>WIPPY0999</c>). Listed in docs/diagnostics.md.
/// </summary>
public static class InternalDiagnosticIds
{
    /// <summary>
    /// A diagnostic was reported with an id that <see cref="DiagnosticCatalog"/> does not list (or that the source
    /// generator has no compiler descriptor for), for example by a build step newer than the generator. It is
    /// reported under this id, as an error, with the unknown id and the original message.
    /// </summary>
    public const string UnknownDiagnosticId = "WIPPY0900";
}
