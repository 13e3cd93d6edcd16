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

    /// <summary>Like <see cref="Open(string)"/>, closing with <paramref name="close"/> (e.g. <c>};</c> after an initializer).</summary>
    public Block Open(string header, string close)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Block(this, close);
    }

    /// <summary>Writes an XML doc summary of <paramref name="xml"/>, which is already valid doc XML, keeping its lines.</summary>
    public CodeWriter Summary(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) return this;
        Line("/// <summary>");
        foreach (var line in xml!.Trim().Split('\n'))
        {
            Line("/// " + line.TrimEnd('\r'));
        }
        Line("/// </summary>");
        return this;
    }

    /// <summary>Doc XML for text written by a user (a YAML comment, a WIT doc comment).</summary>
    public static string? Docs(string? userText) => userText is null ? null : Escape(userText);

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
