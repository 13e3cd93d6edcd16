namespace Wippy.Wit;

/// <summary>Worlds: <c>import</c>, <c>export</c>, <c>include</c>, <c>use</c> and type definitions.</summary>
internal sealed partial class WitSyntaxParser
{
    /// <summary><c>world name { items }</c></summary>
    private WitWorld ParseWorld(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        string name = ExpectIdentifier("a world name after 'world'");
        Expect(WitTokenKind.LeftBrace, "to open the world '" + name + "'");
        var items = new List<WitWorldItem>();
        var includes = new List<WitInclude>();
        var uses = new List<WitUse>();
        var typeDefs = new List<WitTypeDef>();
        while (!At(WitTokenKind.RightBrace) && !AtEnd && !TooManyErrors)
        {
            ParseItemRecovering(() =>
            {
                var itemDocs = Current.Docs;
                var itemGates = ParseGates();
                itemDocs = WitSyntaxDocs.Merge(itemDocs, itemGates.Count > 0 ? Current.Docs : null);
                if (AtKeyword("import") || AtKeyword("export"))
                {
                    items.Add(ParseWorldItem(itemDocs, itemGates));
                }
                else if (AtKeyword("include"))
                {
                    includes.Add(ParseInclude(itemDocs, itemGates));
                }
                else if (AtKeyword("use"))
                {
                    uses.Add(ParseUse(itemDocs, itemGates));
                }
                else
                {
                    var typeDef = TryParseTypeDef(itemDocs, itemGates)
                        ?? throw Fail("expected 'import', 'export', 'include', 'use', a type definition or '}' in the world '" + name + "'");
                    typeDefs.Add(typeDef);
                }
            });
        }
        Expect(WitTokenKind.RightBrace, "to close the world '" + name + "'");
        return new WitWorld(name, items, includes, uses, typeDefs, docs, gates, SpanFrom(first));
    }

    /// <summary>
    /// <c>import path;</c>, <c>import name: func(...);</c>, <c>import name: interface { ... }</c> or
    /// <c>import name: path;</c> (and the same with <c>export</c>). As the WIT grammar says, <c>a:b</c>
    /// written without spaces is a package path, while <c>a: b</c> is a plain name and an interface.
    /// </summary>
    private WitWorldItem ParseWorldItem(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        bool isImport = first.Text == "import";
        if (At(WitTokenKind.Identifier) && PeekAt(1).Kind == WitTokenKind.Colon && IsPlainName())
        {
            var nameToken = Current;
            string name = ExpectIdentifier("a name after '" + first.Text + "'");
            Advance();
            if (AtKeyword("func") || (AtKeyword("async") && PeekAt(1).Is("func")))
            {
                var function = ParseFunctionSignature(name, WitFunctionKind.Freestanding, docs, gates, nameToken);
                return new WitWorldItem(isImport, name, null, null, function, docs, gates, SpanFrom(first));
            }
            if (AtKeyword("interface"))
            {
                var interfaceToken = Advance();
                var inline = ParseInterfaceBlock(name, docs, gates, interfaceToken);
                Accept(WitTokenKind.Semicolon);
                return new WitWorldItem(isImport, name, null, inline, null, docs, gates, SpanFrom(first));
            }
            var target = ParseUsePath("'func', 'interface' or an interface name after '" + name + ":'");
            Expect(WitTokenKind.Semicolon, "after '" + first.Text + " " + name + ": " + target + "'");
            return new WitWorldItem(isImport, name, target, null, null, docs, gates, SpanFrom(first));
        }
        var path = ParseUsePath("an interface name or 'name:' after '" + first.Text + "'");
        Expect(WitTokenKind.Semicolon, "after '" + first.Text + " " + path + "'");
        return new WitWorldItem(isImport, null, path, null, null, docs, gates, SpanFrom(first));
    }

    /// <summary>
    /// With the current token an identifier and the next one a colon: true for a plain name (<c>run: func</c>,
    /// <c>host: interface</c>, <c>cache: store</c>), false for a package path (<c>wasi:io/streams</c>).
    /// </summary>
    private bool IsPlainName()
    {
        var colon = PeekAt(1);
        var after = PeekAt(2);
        if (after.Is("func") || after.Is("async") || after.Is("interface")) return true;
        bool tight = colon.Start == Current.End && after.Start == colon.End;
        return !tight;
    }

    /// <summary><c>include path;</c> or <c>include path with { a as b, ... }</c> (a trailing <c>;</c> is optional there).</summary>
    private WitInclude ParseInclude(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        var path = ParseUsePath("a world name after 'include'");
        var renames = new List<WitIncludeName>();
        if (AcceptKeyword("with"))
        {
            Expect(WitTokenKind.LeftBrace, "after 'with'");
            do
            {
                if (At(WitTokenKind.RightBrace) && renames.Count > 0) break;
                var nameToken = Current;
                string name = ExpectIdentifier("a name to rename in 'with { name as new-name }'");
                ExpectKeyword("as", "after '" + name + "' in 'with { ... }'");
                string alias = ExpectIdentifier("a new name after 'as'");
                renames.Add(new WitIncludeName(name, alias, SpanFrom(nameToken)));
            }
            while (Accept(WitTokenKind.Comma));
            Expect(WitTokenKind.RightBrace, "to close 'with { ... }'");
            Accept(WitTokenKind.Semicolon);
        }
        else
        {
            Expect(WitTokenKind.Semicolon, "after 'include " + path + "'");
        }
        return new WitInclude(path, renames, docs, gates, SpanFrom(first));
    }
}
