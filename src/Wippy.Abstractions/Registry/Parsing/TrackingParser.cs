using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Wippy.Registry;

/// <summary>
/// Wraps the YAML parser to remember where the last event ended, so a failure that YamlDotNet reports without a
/// position (it sometimes throws <see cref="InvalidOperationException"/> on malformed flow collections) can still
/// be reported near the right line.
/// </summary>
internal sealed class TrackingParser : IParser
{
    private readonly IParser inner;

    public TrackingParser(IParser inner) => this.inner = inner;

    /// <summary>The end of the last event read.</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current)
        {
            LastEnd = current.End;
        }

        return moved;
    }
}
