using Wippy.Wit;

namespace Wippy.Generators.Pipeline;

/// <summary>Tells a WIT package document from a bare signature block.</summary>
internal static class WitPackageText
{
    /// <summary>True when the document declares a package, a named interface or a world (a bare block declares only functions and types).</summary>
    public static bool IsPackage(WitDocument document) =>
        document.Package is not null || document.Worlds.Count > 0 || document.NestedPackages.Count > 0
        || document.Interfaces.Any(i => i.Name is not null);
}
