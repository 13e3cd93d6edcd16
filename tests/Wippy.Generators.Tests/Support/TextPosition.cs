namespace Wippy.Generators.Tests.Support;

/// <summary>1-based line and column of text inside a test file, to say where a diagnostic must point.</summary>
internal static class TextPosition
{
    /// <summary>The position of the first character of the <paramref name="occurrence"/>-th (1-based) <paramref name="marker"/>.</summary>
    public static (int Line, int Column) Of(string text, string marker, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(marker, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"test bug: '{marker}' (occurrence {occurrence}) is not in the text");
        }
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, index - lineStart + 1);
    }

    /// <summary>The position just after <paramref name="marker"/> (where a value written after a key starts).</summary>
    public static (int Line, int Column) After(string text, string marker, int occurrence = 1)
    {
        var (line, column) = Of(text, marker, occurrence);
        Assert.DoesNotContain('\n', marker);
        return (line, column + marker.Length);
    }
}
