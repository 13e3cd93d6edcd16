using System.ComponentModel;

namespace Wippy.Host.GeneratedCode;

/// <summary>
/// What the generated adapter of an async import implementation (an <c>I…Async</c> interface's method) hands the
/// host: the operation the implementation started, and how to write its result into the guest's result slots once it
/// has completed. While it runs, a guest on a fiber is suspended and holds no thread.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ComponentImportOperation
{
    private readonly Task _task;
    private readonly ComponentResultsWriter? _write;

    private ComponentImportOperation(Task task, ComponentResultsWriter? write)
    {
        _task = task;
        _write = write;
    }

    /// <summary>An import with no result: done when <paramref name="operation"/> is.</summary>
    public static ComponentImportOperation Of(ValueTask operation) =>
        new(operation.IsCompletedSuccessfully ? Task.CompletedTask : operation.AsTask(), null);

    /// <summary>An import with a result: <paramref name="write"/> puts the value <paramref name="operation"/> gives into the result slots.</summary>
    public static ComponentImportOperation Of<T>(ValueTask<T> operation, ComponentResultWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var task = operation.IsCompletedSuccessfully ? Task.FromResult(operation.Result) : operation.AsTask();
        return new(task, results => write(task.GetAwaiter().GetResult(), results));
    }

    /// <summary>Whether the operation has ended (its result can be written now).</summary>
    internal bool IsCompleted => _task.IsCompleted;

    /// <summary>The operation, to wait for.</summary>
    internal Task Task => _task;

    /// <summary>Writes the result of the ended operation; throws what the operation failed with.</summary>
    internal void WriteResults(Span<ComponentVal> results)
    {
        if (_write is null) _task.GetAwaiter().GetResult();
        else _write(results);
    }

    private delegate void ComponentResultsWriter(Span<ComponentVal> results);
}

/// <summary>Writes the value an async import gave into the guest's result slots (generated per import).</summary>
/// <typeparam name="T">The value's C# type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void ComponentResultWriter<in T>(T value, Span<ComponentVal> results);

/// <summary>
/// An async host function a component can import: an <c>I…Async</c> implementation's method behind the generated
/// adapter. Reads <paramref name="args"/> (borrowed for this call only), starts the operation with the call's
/// <paramref name="cancellationToken"/> (cancelled at the call's time limit or its caller's cancellation) and returns it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate ComponentImportOperation ComponentAsyncHostFunction(ReadOnlySpan<ComponentVal> args, CancellationToken cancellationToken);
