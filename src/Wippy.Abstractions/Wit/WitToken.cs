namespace Wippy.Wit;

/// <summary>The kinds of token the WIT lexer produces.</summary>
internal enum WitTokenKind
{
    Identifier,
    Number,
    String,
    Equals,
    Comma,
    Colon,
    Semicolon,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    Less,
    Greater,
    Star,
    Arrow,
    Slash,
    Dot,
    At,
    Underscore,
    EndOfFile,
}

/// <summary>
/// One token with its place in the text (1-based line and column, end column exclusive, before the caller's
/// line/column offsets are applied) and the doc comments written just before it.
/// </summary>
internal sealed class WitToken
{
    public WitToken(WitTokenKind kind, string text, bool escaped, int start, int end, int line, int column, int endLine, int endColumn, string? docs)
    {
        Kind = kind;
        Text = text;
        Escaped = escaped;
        Start = start;
        End = end;
        Line = line;
        Column = column;
        EndLine = endLine;
        EndColumn = endColumn;
        Docs = docs;
    }

    public WitTokenKind Kind { get; }

    /// <summary>The identifier without <c>%</c>, the number's digits, the string's value, or the operator.</summary>
    public string Text { get; }

    /// <summary>True for an identifier written with a leading <c>%</c>.</summary>
    public bool Escaped { get; }

    public int Start { get; }
    public int End { get; }
    public int Line { get; }
    public int Column { get; }
    public int EndLine { get; }
    public int EndColumn { get; }

    /// <summary>The doc comments (<c>///</c>, <c>/** */</c>) between the previous token and this one, or null.</summary>
    public string? Docs { get; }

    /// <summary>True when this is the identifier <paramref name="keyword"/> written without <c>%</c>.</summary>
    public bool Is(string keyword) => Kind == WitTokenKind.Identifier && !Escaped && Text == keyword;

    /// <summary>How the token is named in an error message.</summary>
    public string Describe() => Kind switch
    {
        WitTokenKind.EndOfFile => "end of input",
        WitTokenKind.Identifier when !Escaped && WitKeywords.IsKeyword(Text) => "keyword '" + Text + "'",
        WitTokenKind.Identifier => "'" + (Escaped ? "%" : "") + Text + "'",
        WitTokenKind.String => "a string",
        _ => "'" + Text + "'",
    };
}
