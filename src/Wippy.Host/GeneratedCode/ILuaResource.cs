using System.ComponentModel;

namespace Wippy.Host.GeneratedCode;

/// <summary>
/// A generated resource class as Lua sees it (a userdata whose methods are the resource's): its type's WIT name, and
/// its methods called with the Lua values of the call. Implemented by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILuaResource : IDisposable
{
    /// <summary>The resource type's WIT name (<c>counter</c>).</summary>
    string TypeName { get; }

    /// <summary>
    /// Calls the method <paramref name="method"/> (its WIT name) with the Lua values in stack slots
    /// <paramref name="first"/>… (<paramref name="count"/> of them); pushes its result(s) and returns how many, or -1
    /// when the resource has no such method (nothing pushed).
    /// </summary>
    /// <exception cref="WippyException">A bad argument (Invalid), or the call failed.</exception>
    int CallFromLua(string method, nint L, int first, int count);
}
