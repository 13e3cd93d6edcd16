using System.Text;

namespace Wippy.Generators.Emit;

/// <summary>A small indenting text writer for emitted C#: one line at a time, blocks with braces.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public Block Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Block(this, "}");
    }

    /// <summary>Like <see cref="Open"/>, closing with <c>};</c> (for initializers).</summary>
    public Block OpenInitializer(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Block(this, "};");
    }

    /// <summary>Writes an XML doc summary, escaping the text and keeping its lines.</summary>
    public CodeWriter Summary(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return this;
        Line("/// <summary>");
        foreach (var line in text!.Trim().Split('\n'))
        {
            Line("/// " + Escape(line.TrimEnd('\r')));
        }
        Line("/// </summary>");
        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    internal readonly struct Block : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly string _close;

        public Block(CodeWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line(_close);
        }
    }
}
