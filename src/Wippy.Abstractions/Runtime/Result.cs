namespace Wippy;

/// <summary>
/// A WIT <c>result&lt;T, E&gt;</c>: either <see cref="Ok"/> or <see cref="Err"/>. Returned by generated proxies
/// as a value; a guest's error result is never thrown. For <c>result</c> forms without a payload the missing
/// side is <see cref="Unit"/>.
/// </summary>
/// <typeparam name="T">The success payload.</typeparam>
/// <typeparam name="E">The error payload.</typeparam>
public readonly struct Result<T, E> : IEquatable<Result<T, E>>
{
    private readonly T _ok;
    private readonly E _err;

    private Result(bool isOk, T ok, E err)
    {
        IsOk = isOk;
        _ok = ok;
        _err = err;
    }

    /// <summary>A success.</summary>
    public static Result<T, E> Ok(T value) => new(true, value, default!);

    /// <summary>A failure.</summary>
    public static Result<T, E> Err(E error) => new(false, default!, error);

    /// <summary>True for a success.</summary>
    public bool IsOk { get; }

    /// <summary>True for a failure.</summary>
    public bool IsErr => !IsOk;

    /// <summary>The success payload; throws <see cref="InvalidOperationException"/> on a failure.</summary>
    public T Value => IsOk ? _ok : throw new InvalidOperationException($"The result is an error: {_err}");

    /// <summary>The error payload; throws <see cref="InvalidOperationException"/> on a success.</summary>
    public E Error => IsOk ? throw new InvalidOperationException("The result is a success.") : _err;

    /// <summary>Gets the success payload when there is one.</summary>
    public bool TryGetValue(out T value)
    {
        value = _ok;
        return IsOk;
    }

    /// <summary>Gets the error payload when there is one.</summary>
    public bool TryGetError(out E error)
    {
        error = _err;
        return !IsOk;
    }

    /// <inheritdoc />
    public bool Equals(Result<T, E> other) =>
        IsOk == other.IsOk &&
        (IsOk ? EqualityComparer<T>.Default.Equals(_ok, other._ok) : EqualityComparer<E>.Default.Equals(_err, other._err));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Result<T, E> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => IsOk ? (_ok?.GetHashCode() ?? 0) : ~(_err?.GetHashCode() ?? 0);

    /// <inheritdoc />
    public override string ToString() => IsOk ? $"Ok({_ok})" : $"Err({_err})";
}

/// <summary>The empty payload of a <c>result</c> side without a type, e.g. <c>result&lt;_, string&gt;</c>.</summary>
public readonly struct Unit : IEquatable<Unit>
{
    /// <summary>The only value.</summary>
    public static Unit Value => default;

    /// <inheritdoc />
    public bool Equals(Unit other) => true;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Unit;

    /// <inheritdoc />
    public override int GetHashCode() => 0;

    /// <inheritdoc />
    public override string ToString() => "()";
}
