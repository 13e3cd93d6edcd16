namespace Wippy.Host.HostInterfaces;

/// <summary>
/// A kind of resource the host defines, such as wasi:io/poll's <c>pollable</c>. Its <see cref="Tag"/> is the number
/// Wasmtime marks the type and every handle of it with: two kinds never share one, so a guest cannot pass a handle
/// of one kind where another is expected (Wasmtime checks the types of the handles it lifts).
/// </summary>
internal sealed class HostResourceType
{
    private static int s_lastTag;

    /// <summary>A new kind of resource, with a tag of its own.</summary>
    /// <param name="interfaceName">The interface that defines it, without a version (<c>wasi:io/poll</c>).</param>
    /// <param name="name">Its WIT name (<c>pollable</c>).</param>
    public HostResourceType(string interfaceName, string name)
    {
        Interface = interfaceName;
        Name = name;
        Tag = (uint)Interlocked.Increment(ref s_lastTag);
    }

    /// <summary>The interface that defines it, without a version.</summary>
    public string Interface { get; }

    /// <summary>Its WIT name.</summary>
    public string Name { get; }

    /// <summary>The host type tag Wasmtime carries for it (<c>wasmtime_component_resource_type_new_host</c>).</summary>
    public uint Tag { get; }

    /// <inheritdoc />
    public override string ToString() => Interface + "/" + Name;
}
