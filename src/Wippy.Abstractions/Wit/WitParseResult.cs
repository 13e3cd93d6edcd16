using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>What <see cref="WitParser"/> returns: the document and what was wrong with the text.</summary>
/// <param name="Document">
/// The document. The parser recovers from errors and always returns one; after an error it holds what
/// could be read (items that failed to parse are left out).
/// </param>
/// <param name="Diagnostics">The errors found, in text order (empty when the text is valid).</param>
public sealed record WitParseResult(WitDocument? Document, IReadOnlyList<WippyDiagnostic> Diagnostics)
{
    /// <summary>True when there is at least one error.</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var d in Diagnostics)
            {
                if (d.Severity == WippySeverity.Error) return true;
            }
            return false;
        }
    }
}
