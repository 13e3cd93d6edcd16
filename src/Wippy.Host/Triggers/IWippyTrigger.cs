namespace Wippy.Host.Triggers;

/// <summary>
/// Something that calls the registry's functions from outside the runtime: the command line's <c>call</c> now, HTTP
/// endpoints and processes next. A trigger turns its input into calls through <see cref="FunctionHandle"/>
/// (<see cref="WippyRuntime.GetFunction"/>: any function by id, called with JSON or typed values) and its results
/// and errors back into its own output; it never depends on how a function runs (core module, component, Lua).
/// </summary>
/// <remarks>
/// A trigger that serves until the host stops is registered as a service
/// (<see cref="WippyServiceCollectionExtensions.AddWippyTrigger{TTrigger}"/>): the hosted service of
/// <c>AddWippy</c> runs it once every entry has loaded and, when the host stops, cancels its <c>stop</c> token and
/// waits for it to return before it waits for the calls still in flight (docs/architecture.md#triggers).
/// </remarks>
public interface IWippyTrigger
{
    /// <summary>The trigger's name in logs and messages (<c>call</c>, <c>http</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Serves calls into <paramref name="runtime"/> until its work is done (a one-shot trigger such as the command
    /// line's <c>call</c>) or <paramref name="stop"/> is cancelled (a serving trigger: stop accepting work, let the
    /// calls it started finish, return).
    /// </summary>
    Task RunAsync(WippyRuntime runtime, CancellationToken stop);
}
