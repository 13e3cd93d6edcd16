using System.ComponentModel;

namespace Wippy.Host.GeneratedCode;

/// <summary>
/// A C# import implementation as the core function a planned component's guest calls (generated per import): reads the
/// arguments from <paramref name="slots"/> (and, through <paramref name="frame"/>, guest memory), runs the
/// implementation, and leaves the results in <paramref name="slots"/> (or writes them where the guest's return pointer
/// says), following the Canonical ABI's rules for a lowered function.
/// </summary>
/// <param name="frame">The guest's memory and <c>cabi_realloc</c> as the component's <c>canon lower</c> names them.</param>
/// <param name="slots">The core arguments in, the core results out.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void CoreHostFunction(ref CoreCall frame, Span<ValueRaw> slots);

/// <summary>What an import implementation threw, wrapped by <see cref="CoreCall.ImportFailed"/> so that the host tells it from a bad guest value.</summary>
internal sealed class CoreImportFailure(Exception error) : Exception(error.Message, error)
{
    /// <summary>The implementation's own exception.</summary>
    public Exception Error { get; } = error;
}
