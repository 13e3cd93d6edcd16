using System.Text;

namespace Wippy.Generators.Emit;

/// <summary>A small indenting text writer for emitted C#: one line at a time, blocks with braces.</summary>
internal sealed class CodeWriter
{
    private static readonly string[] LineBreaks = ["\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029"];

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
        // Every character C# ends a line at (\r, \n, U+0085, U+2028, U+2029) must start a new /// line.
        foreach (var line in xml!.Trim().Split(LineBreaks, StringSplitOptions.None))
        {
            Line("/// " + line);
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
