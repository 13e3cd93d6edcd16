using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Registry;

/// <summary>
/// How one function a component imports (outside WASI) is implemented in C#: the generated code knows the C#
/// interfaces of the imported WIT interface (<c>IHost</c>, and <c>IHostAsync</c> for implementations that await);
/// <see cref="Bind"/> looks an implementation of the first up in the app's services and returns the host function
/// that converts the values and calls it, or null when the app registered none; <see cref="BindAsync"/> does the same
/// for the second.
/// </summary>
/// <param name="Instance">The imported interface, e.g. <c>wippy:imports/host</c> (null for a function the component imports at the top level).</param>
/// <param name="Function">The function's name in it, e.g. <c>lookup</c>.</param>
/// <param name="Implementation">The C# interface to register (for messages), e.g. <c>MyApp.Myns.IHost</c>.</param>
/// <param name="Bind">Finds the implementation in the services and returns the host function, or null.</param>
public sealed record ComponentImportBinding(string? Instance, string Function, string Implementation, Func<IServiceProvider, ComponentHostFunction?> Bind)
{
    /// <summary>
    /// Finds an async implementation (the <c>I…Async</c> interface) in the services and returns its host function, or
    /// null; used when <see cref="Bind"/> finds none.
    /// </summary>
    public Func<IServiceProvider, ComponentAsyncHostFunction?>? BindAsync { get; init; }

    /// <summary>
    /// For a component called on the planned direct path (its core modules wired by the host, the Canonical ABI done by
    /// generated code): finds the implementation in the services and returns the core function the guest calls, or
    /// null. Tries the synchronous interface first, then the awaiting one (whose operations the guest's thread waits for).
    /// </summary>
    public Func<IServiceProvider, CoreHostFunction?>? BindCore { get; init; }
}
