using Wippy.Diagnostics;
using Wippy.Modules;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// The C# method names of one namespace's proxy class: two entries whose names differ only in separators or case
/// (<c>get_user</c>, <c>get-user</c>) would get the same one; the second is reported and left out.
/// </summary>
internal sealed class MemberNames(ModelDiagnostics diagnostics)
{
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    /// <summary>Claims <paramref name="csName"/> for <paramref name="entryId"/>: true when it was free, else reports the collision at <paramref name="namePosition"/>.</summary>
    public bool Claim(string csName, string entryId, SourcePosition namePosition)
    {
        if (_owners.TryGetValue(csName, out var owner))
        {
            diagnostics.Report(ModuleDiagnosticIds.NameCollision, namePosition,
                $"entry '{entryId}' would become the C# method '{csName}', like '{owner}'; rename one of them");
            return false;
        }
        _owners[csName] = entryId;
        return true;
    }
}
