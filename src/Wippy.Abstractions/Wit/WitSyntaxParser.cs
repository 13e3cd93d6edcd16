using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>
/// The recursive-descent parser over the tokens of one text. This part holds the machinery: looking at
/// tokens, expecting them, positions (with the caller's line and column offsets) and error recovery.
/// A syntax error is reported as a diagnostic and unwinds (by <see cref="WitSyntaxException"/>) to the
/// nearest item loop, which skips to the end of the broken item and goes on with the next one.
/// </summary>
internal sealed partial class WitSyntaxParser
{
    /// <summary>More errors than this in one text stop the parse (the rest would mostly be echoes).</summary>
    private const int MaxErrors = 50;

    private readonly string _filePath;
    private readonly int _firstLine;
    private readonly int _columnOffset;
    private readonly List<WitToken> _tokens;
    private readonly int[] _depth;
    private readonly List<WippyDiagnostic> _diagnostics = new();
    private int _index;

    public WitSyntaxParser(string text, string filePath, int firstLine, int columnOffset)
    {
        _filePath = filePath;
        _firstLine = firstLine;
        _columnOffset = columnOffset;
        _tokens = WitLexer.Tokenize(text, (id, message, line, column, endLine, endColumn) =>
            _diagnostics.Add(new WippyDiagnostic(id, message, Map(line, column, endLine, endColumn))));
        _depth = BraceDepths(_tokens);
    }

    public IReadOnlyList<WippyDiagnostic> Diagnostics => _diagnostics;

    private bool TooManyErrors => _diagnostics.Count >= MaxErrors;

    private WitToken Current => _tokens[_index];

    private WitToken Previous => _tokens[_index > 0 ? _index - 1 : 0];

    private WitToken PeekAt(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private bool AtEnd => Current.Kind == WitTokenKind.EndOfFile;

    private bool At(WitTokenKind kind) => Current.Kind == kind;

    private bool AtKeyword(string keyword) => Current.Is(keyword);

    private WitToken Advance()
    {
        var token = Current;
        if (token.Kind != WitTokenKind.EndOfFile) _index++;
        return token;
    }

    private bool Accept(WitTokenKind kind)
    {
        if (!At(kind)) return false;
        Advance();
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!AtKeyword(keyword)) return false;
        Advance();
        return true;
    }

    /// <summary>Consumes a token of <paramref name="kind"/> or fails with "expected 'x' <paramref name="context"/>, found ...".</summary>
    private WitToken Expect(WitTokenKind kind, string context)
    {
        if (At(kind)) return Advance();
        throw Fail("expected '" + Spell(kind) + "' " + context);
    }

    private void ExpectKeyword(string keyword, string context)
    {
        if (!AcceptKeyword(keyword)) throw Fail("expected '" + keyword + "' " + context);
    }

    /// <summary>
    /// Consumes an identifier and returns it without <c>%</c>. A keyword written without <c>%</c> is reported
    /// (WIPPY0104) and still taken as the name, so the parse goes on.
    /// </summary>
    private string ExpectIdentifier(string context)
    {
        if (!At(WitTokenKind.Identifier)) throw Fail("expected " + context);
        var token = Advance();
        if (!token.Escaped && WitKeywords.IsKeyword(token.Text))
        {
            Report(WitDiagnosticIds.KeywordAsIdentifier, "'" + token.Text + "' is a keyword; write '%" + token.Text + "' to use it as a name", token);
        }
        return token.Text;
    }

    /// <summary>Reports "<paramref name="expected"/>, found X" at the current token and returns the exception to throw.</summary>
    private WitSyntaxException Fail(string expected, string id = WitDiagnosticIds.Syntax)
    {
        Report(id, expected + ", found " + Current.Describe(), Current);
        return new WitSyntaxException();
    }

    private void Report(string id, string message, WitToken at) =>
        _diagnostics.Add(new WippyDiagnostic(id, message, Span(at, at)));

    private void Report(string id, string message, SourcePosition at) =>
        _diagnostics.Add(new WippyDiagnostic(id, message, at));

    /// <summary>The position from the start of <paramref name="first"/> to the end of the last consumed token.</summary>
    private SourcePosition SpanFrom(WitToken first) => Span(first, _index > 0 && Previous.Start >= first.Start ? Previous : first);

    private SourcePosition Span(WitToken first, WitToken last) => Map(first.Line, first.Column, last.EndLine, last.EndColumn);

    private SourcePosition Map(int line, int column, int endLine, int endColumn) =>
        new(_filePath, line + _firstLine - 1, column + _columnOffset, endLine + _firstLine - 1, endColumn + _columnOffset);

    /// <summary>
    /// After an error in an item that started at brace depth <paramref name="depth"/>: skips to the item's end
    /// (a <c>;</c> at that depth, or the <c>}</c> that closes the item's own block), or stops before the
    /// <c>}</c> that closes the enclosing block. Always makes progress when <paramref name="startIndex"/> is the current token.
    /// </summary>
    private void Recover(int depth, int startIndex)
    {
        while (!AtEnd)
        {
            int d = _depth[_index];
            if (At(WitTokenKind.RightBrace) && d <= depth)
            {
                if (_index == startIndex) Advance();
                return;
            }
            if (At(WitTokenKind.Semicolon) && d == depth)
            {
                Advance();
                return;
            }
            bool closesItemBlock = At(WitTokenKind.RightBrace) && d == depth + 1;
            Advance();
            if (closesItemBlock)
            {
                Accept(WitTokenKind.Semicolon);
                return;
            }
        }
    }

    /// <summary>Runs <paramref name="parseItem"/>; on a syntax error, recovers to the next item.</summary>
    private void ParseItemRecovering(Action parseItem)
    {
        int start = _index;
        int depth = _depth[_index];
        try
        {
            parseItem();
        }
        catch (WitSyntaxException)
        {
            Recover(depth, start);
            if (_index == start) Advance();
        }
    }

    private static int[] BraceDepths(List<WitToken> tokens)
    {
        var depths = new int[tokens.Count];
        int depth = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            depths[i] = depth;
            if (tokens[i].Kind == WitTokenKind.LeftBrace) depth++;
            else if (tokens[i].Kind == WitTokenKind.RightBrace && depth > 0) depth--;
        }
        return depths;
    }

    private static string Spell(WitTokenKind kind) => kind switch
    {
        WitTokenKind.Equals => "=",
        WitTokenKind.Comma => ",",
        WitTokenKind.Colon => ":",
        WitTokenKind.Semicolon => ";",
        WitTokenKind.LeftParen => "(",
        WitTokenKind.RightParen => ")",
        WitTokenKind.LeftBrace => "{",
        WitTokenKind.RightBrace => "}",
        WitTokenKind.Less => "<",
        WitTokenKind.Greater => ">",
        WitTokenKind.Star => "*",
        WitTokenKind.Arrow => "->",
        WitTokenKind.Slash => "/",
        WitTokenKind.Dot => ".",
        WitTokenKind.At => "@",
        WitTokenKind.Underscore => "_",
        _ => kind.ToString(),
    };
}

/// <summary>Unwinds the parser to the nearest item loop after a syntax error has been reported.</summary>
internal sealed class WitSyntaxException : Exception
{
}
