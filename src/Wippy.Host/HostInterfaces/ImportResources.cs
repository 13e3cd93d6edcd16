using Wippy.Host.GeneratedCode;

namespace Wippy.Host.HostInterfaces;

/// <summary>
/// The resources of an imported interface the app implements, for the generated adapter running now: the host call it
/// runs in and the interface's resource types by WIT name. Set around the app's implementation (per thread: the
/// adapter runs synchronously inside it), so generated code can turn the app's objects into handles for the guest and
/// the guest's handles back into the app's objects without the adapter's signature carrying the call.
/// </summary>
internal static class ImportResources
{
    [ThreadStatic]
    private static Frame? t_frame;

    internal sealed record Frame(nint Context, HostState State, string Function, IReadOnlyDictionary<string, HostResourceType> Types);

    /// <summary>Sets the frame of <paramref name="context"/>'s call until the scope is disposed (the previous one is back then).</summary>
    public static Scope Enter(nint context, HostState state, string function, IReadOnlyDictionary<string, HostResourceType> types)
    {
        var previous = t_frame;
        t_frame = new Frame(context, state, function, types);
        return new Scope(previous);
    }

    /// <summary>A new own handle of the app's object <paramref name="value"/> of resource <paramref name="typeName"/>, for the guest.</summary>
    public static ComponentVal Own(object value, string typeName)
    {
        var frame = Current(typeName, out var type);
        return new HostCall(frame.Context, frame.State, frame.Function).Own(type, value);
    }

    /// <summary>The app's object behind the guest's handle <paramref name="argument"/> (a borrow, or an own the app takes when <paramref name="take"/>).</summary>
    /// <exception cref="ComponentValueException">The handle is not a live resource of that type, or not a <typeparamref name="T"/>.</exception>
    public static T Object<T>(in ComponentVal argument, string typeName, string what, bool take) where T : class
    {
        var frame = Current(typeName, out var type);
        var call = new HostCall(frame.Context, frame.State, frame.Function);
        try
        {
            return take ? call.Take<T>(argument, type) : call.Borrow<T>(argument, type);
        }
        catch (HostResourceException e)
        {
            throw new ComponentValueException($"{what}: {e.Message}");
        }
    }

    private static Frame Current(string typeName, out HostResourceType type)
    {
        var frame = t_frame ?? throw new InvalidOperationException("a resource of an imported interface was used outside the call of its import");
        if (!frame.Types.TryGetValue(typeName, out type!)) throw new InvalidOperationException($"the interface of '{frame.Function}' defines no resource '{typeName}'");
        return frame;
    }

    /// <summary>Restores the previous frame.</summary>
    public readonly struct Scope(Frame? previous) : IDisposable
    {
        public void Dispose() => t_frame = previous;
    }
}
