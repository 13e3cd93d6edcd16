namespace Wippy;

/// <summary>
/// A WIT <c>option&lt;T&gt;</c> where <c>T?</c> cannot say it: nested options (<c>option&lt;option&lt;u8&gt;&gt;</c>)
/// and options of options' payloads. A plain <c>option&lt;T&gt;</c> maps to <c>T?</c>.
/// </summary>
/// <typeparam name="T">The payload.</typeparam>
public readonly struct Option<T> : IEquatable<Option<T>>
{
    private readonly T _value;

    private Option(T value)
    {
        _value = value;
        HasValue = true;
    }

    /// <summary>An option holding <paramref name="value"/>.</summary>
    public static Option<T> Some(T value) => new(value);

    /// <summary>The empty option.</summary>
    public static Option<T> None => default;

    /// <summary>True when a value is present.</summary>
    public bool HasValue { get; }

    /// <summary>The payload; throws <see cref="InvalidOperationException"/> when empty.</summary>
    public T Value => HasValue ? _value : throw new InvalidOperationException("The option is empty.");

    /// <inheritdoc />
    public bool Equals(Option<T> other) =>
        HasValue == other.HasValue && (!HasValue || EqualityComparer<T>.Default.Equals(_value, other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Option<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HasValue ? (_value?.GetHashCode() ?? 1) : 0;

    /// <inheritdoc />
    public override string ToString() => HasValue ? $"Some({_value})" : "None";
}
