using System.Text;

namespace Wippy.Wit;

/// <summary>
/// Splits WIT text into tokens in one pass. Comments and whitespace are dropped; doc comments are attached
/// to the token that follows them. Bad characters and unclosed comments are reported through the callback
/// and skipped, so the lexer never fails.
/// Numbers are lexed greedily with the characters of a semantic version (<c>0.2.0-rc.1+build</c>) so that
/// a version after <c>@</c> or <c>=</c> is one token; a <c>.</c> ends the number unless a letter or digit
/// follows it (so <c>@0.2.0.{</c> lexes as a number, a dot and a brace).
/// </summary>
internal sealed class WitLexer
{
    private readonly string _text;
    private readonly Action<string, string, int, int, int, int> _report;
    private readonly List<WitToken> _tokens = new();
    private readonly List<string> _docs = new();
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    /// <param name="text">The WIT text.</param>
    /// <param name="report">Called with (id, message, line, column, endLine, endColumn) for each lexical error.</param>
    private WitLexer(string text, Action<string, string, int, int, int, int> report)
    {
        _text = text;
        _report = report;
    }

    /// <summary>Lexes <paramref name="text"/>; the last token is always <see cref="WitTokenKind.EndOfFile"/>.</summary>
    public static List<WitToken> Tokenize(string text, Action<string, string, int, int, int, int> report)
    {
        var lexer = new WitLexer(text, report);
        lexer.Run();
        return lexer._tokens;
    }

    private int Column => _pos - _lineStart + 1;

    private char At(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Run()
    {
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                Add(WitTokenKind.EndOfFile, "", false, _pos, _line, Column);
                return;
            }
            LexToken();
        }
    }

    private void LexToken()
    {
        int start = _pos, line = _line, column = Column;
        char c = _text[_pos];
        if (IsLetter(c) || (c == '%' && IsLetter(At(1))))
        {
            LexIdentifier(start, line, column);
            return;
        }
        if (IsDigit(c))
        {
            LexNumber(start, line, column);
            return;
        }
        if (c == '"')
        {
            LexString(start, line, column);
            return;
        }
        if (c == '-' && At(1) == '>')
        {
            _pos += 2;
            Add(WitTokenKind.Arrow, "->", false, start, line, column);
            return;
        }
        WitTokenKind? kind = c switch
        {
            '=' => WitTokenKind.Equals,
            ',' => WitTokenKind.Comma,
            ':' => WitTokenKind.Colon,
            ';' => WitTokenKind.Semicolon,
            '(' => WitTokenKind.LeftParen,
            ')' => WitTokenKind.RightParen,
            '{' => WitTokenKind.LeftBrace,
            '}' => WitTokenKind.RightBrace,
            '<' => WitTokenKind.Less,
            '>' => WitTokenKind.Greater,
            '*' => WitTokenKind.Star,
            '/' => WitTokenKind.Slash,
            '.' => WitTokenKind.Dot,
            '@' => WitTokenKind.At,
            '_' => WitTokenKind.Underscore,
            _ => null,
        };
        _pos++;
        if (kind is { } k)
        {
            Add(k, c.ToString(), false, start, line, column);
            return;
        }
        string shown = c == '%' ? "'%' must be followed by a name (as in %type)" : "unexpected character '" + c + "'";
        _report(WitDiagnosticIds.UnexpectedCharacter, shown, line, column, line, column + 1);
    }

    private void LexIdentifier(int start, int line, int column)
    {
        bool escaped = _text[_pos] == '%';
        if (escaped) _pos++;
        int nameStart = _pos;
        while (_pos < _text.Length && (IsLetter(_text[_pos]) || IsDigit(_text[_pos]) || _text[_pos] == '-')) _pos++;
        string name = _text.Substring(nameStart, _pos - nameStart);
        string? problem = WitIdentifier.Validate(name);
        if (problem is not null)
        {
            _report(WitDiagnosticIds.InvalidIdentifier, "'" + name + "' is not a valid WIT identifier: " + problem, line, column, line, Column);
        }
        Add(WitTokenKind.Identifier, name, escaped, start, line, column);
    }

    private void LexNumber(int start, int line, int column)
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (IsLetter(c) || IsDigit(c) || c == '-' || c == '+') _pos++;
            else if (c == '.' && (IsLetter(At(1)) || IsDigit(At(1)))) _pos++;
            else break;
        }
        Add(WitTokenKind.Number, _text.Substring(start, _pos - start), false, start, line, column);
    }

    private void LexString(int start, int line, int column)
    {
        var value = new StringBuilder();
        _pos++;
        while (_pos < _text.Length && _text[_pos] != '"' && _text[_pos] != '\n')
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length)
            {
                value.Append(_text[_pos + 1] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                _pos += 2;
                continue;
            }
            value.Append(_text[_pos++]);
        }
        if (_pos >= _text.Length || _text[_pos] != '"')
        {
            _report(WitDiagnosticIds.Unterminated, "unterminated string literal: expected a closing '\"' on the same line", line, column, line, Column);
        }
        else
        {
            _pos++;
        }
        Add(WitTokenKind.String, value.ToString(), false, start, line, column);
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF')
            {
                _pos++;
            }
            else if (c == '/' && At(1) == '/')
            {
                SkipLineComment();
            }
            else if (c == '/' && At(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipLineComment()
    {
        int start = _pos;
        while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
        string comment = _text.Substring(start, _pos - start).TrimEnd('\r');
        if (comment.StartsWith("///", StringComparison.Ordinal) && !comment.StartsWith("////", StringComparison.Ordinal))
        {
            string body = comment.Substring(3);
            _docs.Add(body.StartsWith(" ", StringComparison.Ordinal) ? body.Substring(1) : body);
        }
    }

    private void SkipBlockComment()
    {
        int start = _pos, line = _line, column = Column;
        int depth = 0;
        while (_pos < _text.Length)
        {
            if (_text[_pos] == '/' && At(1) == '*')
            {
                depth++;
                _pos += 2;
            }
            else if (_text[_pos] == '*' && At(1) == '/')
            {
                depth--;
                _pos += 2;
                if (depth == 0) break;
            }
            else
            {
                if (_text[_pos] == '\n')
                {
                    _line++;
                    _lineStart = _pos + 1;
                }
                _pos++;
            }
        }
        if (depth != 0)
        {
            _report(WitDiagnosticIds.Unterminated, "unterminated block comment: expected '*/'", line, column, line, column + 2);
            return;
        }
        string comment = _text.Substring(start, _pos - start);
        if (comment.StartsWith("/**", StringComparison.Ordinal) && comment.Length > 4 && comment[3] != '*')
        {
            _docs.Add(WitDocText.FromBlock(comment.Substring(3, comment.Length - 5)));
        }
    }

    private void Add(WitTokenKind kind, string text, bool escaped, int start, int line, int column)
    {
        string? docs = null;
        if (_docs.Count > 0)
        {
            docs = string.Join("\n", _docs);
            _docs.Clear();
        }
        _tokens.Add(new WitToken(kind, text, escaped, start, _pos, line, column, _line, Column, docs));
    }

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
