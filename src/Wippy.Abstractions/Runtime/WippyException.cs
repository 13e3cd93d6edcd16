namespace Wippy;

/// <summary>
/// The one exception type of a failed call: it carries the <see cref="ErrorKind"/> and the id of the entry
/// that was called. A WIT <c>result</c> returned by a guest is a value, never this exception.
/// </summary>
public sealed class WippyException : Exception
{
    /// <summary>Creates an error of <paramref name="kind"/> for <paramref name="entryId"/>.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="entryId">The entry that was called, e.g. <c>myns:greet</c>; null when no entry is involved.</param>
    /// <param name="message">What happened, for a person.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public WippyException(ErrorKind kind, string? entryId, string message, Exception? inner = null)
        : base(entryId is null ? message : $"{entryId}: {message}", inner)
    {
        Kind = kind;
        EntryId = entryId;
        Detail = message;
    }

    /// <summary>What went wrong.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The entry that was called, or null.</summary>
    public string? EntryId { get; }

    /// <summary>The message without the entry id prefix.</summary>
    public string Detail { get; }

    /// <summary>
    /// The status the guest exited with (<c>wasi:cli/exit</c>, preview1's <c>proc_exit</c>) when the call failed
    /// because the guest exited before its function returned (a <see cref="ErrorKind.Trap"/>); null otherwise.
    /// </summary>
    public int? ExitCode { get; init; }

    /// <summary>Returns a copy naming <paramref name="entryId"/> when this error does not name an entry yet.</summary>
    public WippyException WithEntry(string entryId) =>
        EntryId is null ? new WippyException(Kind, entryId, Detail, InnerException) { ExitCode = ExitCode } : this;

    /// <summary><c>KIND: message</c>, the form printed by the command line and Lua's <c>tostring(err)</c>.</summary>
    public override string ToString() => $"{Kind}: {Message}";
}
