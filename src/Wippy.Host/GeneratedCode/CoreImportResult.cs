using System.ComponentModel;

namespace Wippy.Host.GeneratedCode;

/// <summary>
/// Writes an awaiting import implementation's value into the guest's results (generated per import: into the core
/// result slot, or at the return pointer the guest passed in <paramref name="slots"/>), once its operation completed.
/// </summary>
/// <param name="frame">The import's frame (memory and <c>cabi_realloc</c> as the component's <c>canon lower</c> names them).</param>
/// <param name="slots">The import's core slots: its arguments as the guest passed them; its results go there.</param>
/// <param name="result">The operation's value.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void CoreImportResult<in T>(ref CoreCall frame, Span<ValueRaw> slots, T result);

/// <summary>Where the frame of an import called on a fiber leaves an operation that has not completed (see <see cref="CoreCall.Await{T}"/>).</summary>
internal sealed class CoreImportSuspension
{
    /// <summary>The operation the guest must wait for, and what writes its value then; null when the import is done.</summary>
    public CorePendingImport? Pending { get; set; }
}

/// <summary>An awaiting implementation's operation without a value, not yet complete when its import returned.</summary>
internal class CorePendingImport(Task task)
{
    /// <summary>The operation.</summary>
    public Task Task { get; } = task;

    /// <summary>Once <see cref="Task"/> completed: its failure as the implementation's (<see cref="CoreCall.ImportFailed"/>), else writes its value.</summary>
    public virtual void Complete(ref CoreCall frame, Span<ValueRaw> slots)
    {
        try
        {
            Task.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            throw frame.ImportFailed(e);
        }
    }
}

/// <summary>An awaiting implementation's operation with a value of type <typeparamref name="T"/>, and what writes it.</summary>
internal sealed class CorePendingImport<T>(Task<T> task, CoreImportResult<T> write) : CorePendingImport(task)
{
    /// <inheritdoc/>
    public override void Complete(ref CoreCall frame, Span<ValueRaw> slots)
    {
        T result;
        try
        {
            result = ((Task<T>)Task).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            throw frame.ImportFailed(e);
        }
        write(ref frame, slots, result);
    }
}
