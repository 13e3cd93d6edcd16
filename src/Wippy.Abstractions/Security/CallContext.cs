namespace Wippy.Security;

/// <summary>Who a call runs for: an id and free-form metadata (docs/runtime.md#security-context).</summary>
/// <param name="Id">The actor's id, e.g. a user or service name.</param>
/// <param name="Metadata">Anything else about the actor (roles, tenant…).</param>
public sealed record Actor(string Id, IReadOnlyDictionary<string, string>? Metadata = null)
{
    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>
/// The security context a call carries (docs/runtime.md#security-context): its <see cref="Actor"/>, its scope (the policies that apply)
/// and request-context values. Immutable; the <c>With…</c> methods return changed copies.
/// </summary>
public sealed class CallContext
{
    private static readonly IReadOnlyDictionary<string, object?> NoValues = new Dictionary<string, object?>();

    /// <summary>Creates a context.</summary>
    /// <param name="actor">Who the call runs for, or null (anonymous).</param>
    /// <param name="scope">The policies that apply (names), or null for none.</param>
    /// <param name="values">Request-context values, or null for none.</param>
    public CallContext(Actor? actor = null, IReadOnlyList<string>? scope = null, IReadOnlyDictionary<string, object?>? values = null)
    {
        Actor = actor;
        Scope = scope ?? Array.Empty<string>();
        Values = values ?? NoValues;
    }

    /// <summary>The context of code that set none: anonymous, empty scope, no values.</summary>
    public static CallContext Empty { get; } = new();

    /// <summary>Who the call runs for, or null.</summary>
    public Actor? Actor { get; }

    /// <summary>The policies that apply.</summary>
    public IReadOnlyList<string> Scope { get; }

    /// <summary>Request-context values.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <summary>This context with another actor.</summary>
    public CallContext WithActor(Actor? actor) => new(actor, Scope, Values);

    /// <summary>This context with another scope.</summary>
    public CallContext WithScope(IReadOnlyList<string> scope) => new(Actor, scope, Values);

    /// <summary>This context with one request value set.</summary>
    public CallContext WithValue(string key, object? value)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var kv in Values) values[kv.Key] = kv.Value;
        values[key] = value;
        return new CallContext(Actor, Scope, values);
    }

    /// <summary>
    /// The context of the current call: set with <see cref="Enter"/>, and inherited by everything that runs inside it
    /// (a C# import implementation, a function it calls, async continuations), unless they enter another.
    /// </summary>
    public static CallContext Current => CurrentSlot.Value ?? Empty;

    private static readonly AsyncLocal<CallContext?> CurrentSlot = new();

    /// <summary>Makes <paramref name="context"/> current until the returned scope is disposed (then the previous one is restored).</summary>
    public static IDisposable Enter(CallContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        var previous = CurrentSlot.Value;
        CurrentSlot.Value = context;
        return new Restore(previous);
    }

    private sealed class Restore(CallContext? previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            CurrentSlot.Value = previous;
        }
    }
}
