namespace Wippy.Wit;

/// <summary>Interfaces and their items: <c>use</c>, type definitions and functions; also the bare signature form.</summary>
internal sealed partial class WitSyntaxParser
{
    /// <summary>What an interface body accumulates while it is parsed.</summary>
    private sealed class InterfaceItems
    {
        public List<WitUse> Uses { get; } = new();
        public List<WitTypeDef> TypeDefs { get; } = new();
        public List<WitFunction> Functions { get; } = new();
    }

    /// <summary><c>interface name { items }</c></summary>
    private WitInterface ParseInterface(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        string name = ExpectIdentifier("an interface name after 'interface'");
        return ParseInterfaceBlock(name, docs, gates, first);
    }

    /// <summary><c>{ items }</c> of a named or inline interface.</summary>
    private WitInterface ParseInterfaceBlock(string name, string? docs, IReadOnlyList<WitGate> gates, WitToken first)
    {
        Expect(WitTokenKind.LeftBrace, "to open the interface '" + name + "'");
        var items = new InterfaceItems();
        while (!At(WitTokenKind.RightBrace) && !AtEnd && !TooManyErrors)
        {
            ParseItemRecovering(() => ParseInterfaceItem(items, "a type definition, 'use', a function or '}' in the interface '" + name + "'"));
        }
        Expect(WitTokenKind.RightBrace, "to close the interface '" + name + "'");
        return new WitInterface(name, items.Uses, items.TypeDefs, items.Functions, docs, gates, SpanFrom(first));
    }

    /// <summary>The bare form of a registry entry's <c>wit:</c> field: interface items with no wrapper.</summary>
    public WitDocument ParseSignatureBlock()
    {
        var first = Current;
        var items = new InterfaceItems();
        while (!AtEnd && !TooManyErrors)
        {
            ParseItemRecovering(() =>
            {
                if (AtKeyword("package") || AtKeyword("interface") || AtKeyword("world"))
                {
                    Report(WitDiagnosticIds.NotAllowedInSignatures, "'" + Current.Text + "' is not allowed in a signature block: write only type definitions, 'use' lines and functions such as 'answer: func() -> s32;'", Current);
                    throw new WitSyntaxException();
                }
                ParseInterfaceItem(items, "a type definition, 'use' or a function (as in 'answer: func() -> s32;')");
            });
        }
        var position = SpanFrom(first);
        var anonymous = new WitInterface(null, items.Uses, items.TypeDefs, items.Functions, null, NoGates, position);
        return new WitDocument(_filePath, null, Array.Empty<WitTopLevelUse>(), new[] { anonymous }, Array.Empty<WitWorld>(), Array.Empty<WitNestedPackage>(), position);
    }

    /// <summary>One item of an interface: <c>use</c>, a type definition or <c>name: func(...)</c>.</summary>
    private void ParseInterfaceItem(InterfaceItems items, string expected)
    {
        var docs = Current.Docs;
        var gates = ParseGates();
        docs = WitSyntaxDocs.Merge(docs, gates.Count > 0 ? Current.Docs : null);
        // A name followed by ':' is a function, even when the name is a keyword (reported as such).
        if (At(WitTokenKind.Identifier) && PeekAt(1).Kind == WitTokenKind.Colon)
        {
            var first = Current;
            string name = ExpectIdentifier("a function name");
            Advance();
            items.Functions.Add(ParseFunctionSignature(name, WitFunctionKind.Freestanding, docs, gates, first));
            return;
        }
        if (AtKeyword("use"))
        {
            items.Uses.Add(ParseUse(docs, gates));
            return;
        }
        var typeDef = TryParseTypeDef(docs, gates);
        if (typeDef is not null)
        {
            items.TypeDefs.Add(typeDef);
            return;
        }
        throw Fail("expected " + expected);
    }

    /// <summary><c>use path.{a, b as c};</c></summary>
    private WitUse ParseUse(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        var path = ParseUsePath("an interface name after 'use'");
        Expect(WitTokenKind.Dot, "after the interface name of 'use' (as in 'use types.{my-type};')");
        Expect(WitTokenKind.LeftBrace, "after '.' in 'use' (as in 'use types.{my-type};')");
        var names = new List<WitUseName>();
        do
        {
            if (At(WitTokenKind.RightBrace) && names.Count > 0) break;
            var nameToken = Current;
            string name = ExpectIdentifier("a type name in 'use'");
            string? alias = AcceptKeyword("as") ? ExpectIdentifier("a name after 'as'") : null;
            names.Add(new WitUseName(name, alias, SpanFrom(nameToken)));
        }
        while (Accept(WitTokenKind.Comma));
        Expect(WitTokenKind.RightBrace, "to close the names of 'use'");
        Expect(WitTokenKind.Semicolon, "after 'use'");
        return new WitUse(path, names, docs, gates, SpanFrom(first));
    }

    /// <summary>After <c>name:</c>: <c>[static] [async] func(params) [-&gt; type];</c></summary>
    private WitFunction ParseFunctionSignature(string name, WitFunctionKind kind, string? docs, IReadOnlyList<WitGate> gates, WitToken first)
    {
        bool isAsync = AcceptKeyword("async");
        ExpectKeyword("func", "after '" + name + ":' (as in '" + name + ": func();')");
        var parameters = ParseParams(name);
        var result = ParseResultType(name);
        Expect(WitTokenKind.Semicolon, "after the function signature");
        return new WitFunction(name, kind, isAsync, parameters, result, docs, gates, SpanFrom(first));
    }

    /// <summary><c>(a: t, b: u)</c>, a trailing comma allowed.</summary>
    private List<WitParam> ParseParams(string functionName)
    {
        Expect(WitTokenKind.LeftParen, "to open the parameters of '" + functionName + "'");
        var parameters = new List<WitParam>();
        while (!At(WitTokenKind.RightParen))
        {
            var first = Current;
            string name = ExpectIdentifier("a parameter name or ')'");
            Expect(WitTokenKind.Colon, "after the parameter name '" + name + "'");
            var type = ParseType("for the parameter '" + name + "'");
            parameters.Add(new WitParam(name, type, SpanFrom(first)));
            if (!Accept(WitTokenKind.Comma)) break;
        }
        Expect(WitTokenKind.RightParen, "to close the parameters of '" + functionName + "'");
        return parameters;
    }

    /// <summary>Nothing, or <c>-&gt; type</c>. The old named results <c>-&gt; (a: u32)</c> are rejected (WIPPY0107).</summary>
    private WitType? ParseResultType(string functionName)
    {
        if (!Accept(WitTokenKind.Arrow)) return null;
        if (At(WitTokenKind.LeftParen))
        {
            throw Fail("named results ('-> (a: T, ...)') are no longer WIT: return a single type such as a tuple or a record; expected a type after '->'", WitDiagnosticIds.NamedResults);
        }
        return ParseType("as the result of '" + functionName + "'");
    }
}
