using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Wippy.Registry;

/// <summary>
/// Wraps the YAML parser to remember where the last event ended, so a failure that YamlDotNet reports without a
/// position (it sometimes throws <see cref="InvalidOperationException"/> on malformed flow collections) can still
/// be reported near the right line; and to stop at a map or list nested deeper than <see cref="MaxDepth"/>, before
/// YamlDotNet's recursive node builder (and the readers after it) would exhaust the stack.
/// </summary>
internal sealed class TrackingParser : IParser
{
    private readonly IParser inner;
    private int depth;

    public TrackingParser(IParser inner, int maxDepth)
    {
        this.inner = inner;
        MaxDepth = maxDepth;
    }

    /// <summary>The deepest nesting of maps and lists read; one more throws <see cref="YamlTooDeepException"/>.</summary>
    public int MaxDepth { get; }

    /// <summary>The end of the last event read.</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current)
        {
            LastEnd = current.End;
            if (current is MappingStart or SequenceStart)
            {
                if (++depth > MaxDepth)
                {
                    throw new YamlTooDeepException(current.Start, current.End);
                }
            }
            else if (current is MappingEnd or SequenceEnd)
            {
                depth--;
            }
        }

        return moved;
    }
}

/// <summary>A map or list nested deeper than <see cref="TrackingParser.MaxDepth"/>, at the collection that went one level too deep.</summary>
internal sealed class YamlTooDeepException : YamlException
{
    public YamlTooDeepException(Mark start, Mark end)
        : base(start, end, "the YAML nests too deeply")
    {
    }
}
