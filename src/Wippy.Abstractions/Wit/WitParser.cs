namespace Wippy.Wit;

/// <summary>
/// Reads WIT text (https://github.com/WebAssembly/component-model, <c>design/mvp/WIT.md</c>) into a
/// <see cref="WitDocument"/>. Hand-written lexer and recursive-descent parser: no reflection, no regular
/// expressions, deterministic, and it never throws on bad input: every mistake becomes a diagnostic
/// (WIPPY0100–WIPPY0119, see <see cref="WitDiagnosticIds"/>) with its line and column, and the parser
/// recovers at the next item so one file can report several mistakes.
/// <para>
/// The line and column offsets let a caller parse WIT embedded in another file (a YAML block scalar):
/// line k of <c>text</c> (1-based) is reported as line <c>firstLine + k - 1</c>, and every column is
/// shifted right by <c>firstColumnOffset</c> (the block's indentation).
/// </para>
/// <para>
/// Not supported: the old named-results syntax <c>-&gt; (a: u32, b: u32)</c> is rejected with WIPPY0107
/// (return a tuple or a record); <c>@external-id("...")</c> is read and dropped.
/// </para>
/// </summary>
public static class WitParser
{
    /// <summary>
    /// How deep type uses may nest (<c>list&lt;list&lt;u8&gt;&gt;</c> is 2). Real interfaces stay under ten; a deeper
    /// type is reported (<see cref="Wippy.Diagnostics.SafetyDiagnosticIds.WitTooDeep"/>) instead of being parsed,
    /// so that the parser, the resolver and the code generator never recurse deeper than this.
    /// </summary>
    public const int MaxTypeNestingDepth = 32;

    /// <summary>Parses a whole WIT file: <c>package</c>, <c>use</c>, interfaces, worlds, nested packages.</summary>
    /// <param name="text">The WIT text.</param>
    /// <param name="filePath">The file's path, used in diagnostics and kept in the document.</param>
    /// <param name="firstLine">The line number that the first line of <paramref name="text"/> has in the file.</param>
    /// <param name="firstColumnOffset">How many columns to add to every reported column.</param>
    public static WitParseResult Parse(string text, string filePath, int firstLine = 1, int firstColumnOffset = 0)
    {
        var parser = new WitSyntaxParser(text ?? "", filePath ?? "", firstLine, firstColumnOffset);
        var document = parser.ParseDocument();
        return new WitParseResult(document, parser.Diagnostics);
    }

    /// <summary>
    /// Parses the bare form of a registry entry's <c>wit:</c> field: function signatures, type definitions
    /// and <c>use</c> lines with no <c>package</c>/<c>interface</c> wrapper, such as
    /// <c>record user { id: u32, name: string }</c> followed by <c>transform-users: func(users: list&lt;user&gt;) -&gt; list&lt;user&gt;;</c>.
    /// The document holds one anonymous interface (<see cref="WitInterface.Name"/> null) with them all.
    /// </summary>
    /// <param name="text">The signatures.</param>
    /// <param name="filePath">The file's path, used in diagnostics and kept in the document.</param>
    /// <param name="firstLine">The line number that the first line of <paramref name="text"/> has in the file.</param>
    /// <param name="firstColumnOffset">How many columns to add to every reported column.</param>
    public static WitParseResult ParseSignatures(string text, string filePath, int firstLine = 1, int firstColumnOffset = 0)
    {
        var parser = new WitSyntaxParser(text ?? "", filePath ?? "", firstLine, firstColumnOffset);
        var document = parser.ParseSignatureBlock();
        return new WitParseResult(document, parser.Diagnostics);
    }
}
