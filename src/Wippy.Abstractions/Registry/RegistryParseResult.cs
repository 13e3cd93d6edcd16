using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>What <see cref="RegistryParser.Parse"/> returns: the document (when the file could be read) and every diagnostic.</summary>
/// <param name="Document">
/// The parsed file, or <see langword="null"/> when it is not readable YAML, its root is not a map, or it has no usable
/// <c>namespace</c>. A non-null document may still come with errors: entries keep the fields that parsed, so check
/// <see cref="HasErrors"/> before running it.
/// </param>
/// <param name="Diagnostics">Every problem found, in file order.</param>
public sealed record RegistryParseResult(RegistryDocument? Document, IReadOnlyList<WippyDiagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var d in Diagnostics)
            {
                if (d.Severity == WippySeverity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
