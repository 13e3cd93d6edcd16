namespace Wippy.Wit;

/// <summary>
/// Where a name used as a type leads: the definition and the interface or world that defines it.
/// </summary>
/// <param name="Definition">The type definition (after following <c>use</c>, not type aliases: see <see cref="WitResolution.ResolveAliases(WitResolvedType)"/>).</param>
/// <param name="OwnerQualifiedName">
/// The defining scope's qualified name: <c>wasi:io/streams@0.2.0</c> for an interface of a versioned
/// package, <c>ns:pkg/name</c> without a version, the bare name when no document declares a package, the
/// world's qualified name for a type defined in a world, the plain name for an inline interface of a world,
/// and the empty string for the anonymous interface of a signature block.
/// </param>
/// <param name="OwnerInterface">The defining interface, or null when a world defines the type.</param>
/// <param name="OwnerWorld">The defining world, or null when an interface defines the type.</param>
public sealed record WitResolvedType(WitTypeDef Definition, string OwnerQualifiedName, WitInterface? OwnerInterface, WitWorld? OwnerWorld);
