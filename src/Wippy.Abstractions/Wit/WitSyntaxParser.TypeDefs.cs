namespace Wippy.Wit;

/// <summary>Type definitions: <c>type</c>, <c>record</c>, <c>variant</c>, <c>enum</c>, <c>flags</c> and <c>resource</c>.</summary>
internal sealed partial class WitSyntaxParser
{
    /// <summary>Parses a type definition when the current token starts one; returns null otherwise.</summary>
    private WitTypeDef? TryParseTypeDef(string? docs, IReadOnlyList<WitGate> gates)
    {
        if (AtKeyword("type")) return ParseTypeAlias(docs, gates);
        if (AtKeyword("record")) return ParseRecord(docs, gates);
        if (AtKeyword("variant")) return ParseVariant(docs, gates);
        if (AtKeyword("enum")) return ParseEnum(docs, gates);
        if (AtKeyword("flags")) return ParseFlags(docs, gates);
        if (AtKeyword("resource")) return ParseResource(docs, gates);
        return null;
    }

    private WitTypeAlias ParseTypeAlias(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        string name = ExpectIdentifier("a type name after 'type'");
        Expect(WitTokenKind.Equals, "after 'type " + name + "'");
        var target = ParseType("after 'type " + name + " ='");
        Expect(WitTokenKind.Semicolon, "after the type alias '" + name + "'");
        return new WitTypeAlias(name, target, docs, gates, SpanFrom(first));
    }

    private WitRecord ParseRecord(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        string name = ExpectIdentifier("a record name after 'record'");
        var fields = ParseBody("record '" + name + "'", "a field name", () =>
        {
            var fieldFirst = Current;
            string fieldName = ExpectIdentifier("a field name");
            Expect(WitTokenKind.Colon, "after the field name '" + fieldName + "'");
            var type = ParseType("for the field '" + fieldName + "'");
            return new WitField(fieldName, type, fieldFirst.Docs, SpanFrom(fieldFirst));
        });
        return new WitRecord(name, fields, docs, gates, SpanFrom(first));
    }

    private WitVariant ParseVariant(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        string name = ExpectIdentifier("a variant name after 'variant'");
        var cases = ParseBody("variant '" + name + "'", "a case name", () =>
        {
            var caseFirst = Current;
            string caseName = ExpectIdentifier("a case name");
            WitType? payload = null;
            if (Accept(WitTokenKind.LeftParen))
            {
                payload = ParseType("as the payload of the case '" + caseName + "'");
                Expect(WitTokenKind.RightParen, "after the payload of the case '" + caseName + "'");
            }
            return new WitCase(caseName, payload, caseFirst.Docs, SpanFrom(caseFirst));
        });
        return new WitVariant(name, cases, docs, gates, SpanFrom(first));
    }

    private WitEnum ParseEnum(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        string name = ExpectIdentifier("an enum name after 'enum'");
        var cases = ParseBody("enum '" + name + "'", "a case name", () =>
        {
            var caseFirst = Current;
            string caseName = ExpectIdentifier("a case name");
            return new WitEnumCase(caseName, caseFirst.Docs, SpanFrom(caseFirst));
        });
        return new WitEnum(name, cases, docs, gates, SpanFrom(first));
    }

    private WitFlags ParseFlags(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        string name = ExpectIdentifier("a flags name after 'flags'");
        var flags = ParseBody("flags '" + name + "'", "a flag name", () =>
        {
            var flagFirst = Current;
            string flagName = ExpectIdentifier("a flag name");
            return new WitFlag(flagName, flagFirst.Docs, SpanFrom(flagFirst));
        });
        return new WitFlags(name, flags, docs, gates, SpanFrom(first));
    }

    /// <summary><c>{ item, item, ... }</c> with at least one item and an optional trailing comma.</summary>
    private List<T> ParseBody<T>(string owner, string itemName, Func<T> parseItem)
    {
        Expect(WitTokenKind.LeftBrace, "to open the " + owner);
        var items = new List<T>();
        do
        {
            if (At(WitTokenKind.RightBrace) && items.Count > 0) break;
            if (At(WitTokenKind.RightBrace)) throw Fail("expected " + itemName + " (the " + owner + " needs at least one)");
            items.Add(parseItem());
        }
        while (Accept(WitTokenKind.Comma));
        Expect(WitTokenKind.RightBrace, "or ',' after the last item of the " + owner);
        return items;
    }

    /// <summary><c>resource name;</c> or <c>resource name { constructor(...); m: func(...); s: static func(...); }</c></summary>
    private WitResource ParseResource(string? docs, IReadOnlyList<WitGate> gates)
    {
        var first = Advance();
        string name = ExpectIdentifier("a resource name after 'resource'");
        var functions = new List<WitFunction>();
        if (!Accept(WitTokenKind.Semicolon))
        {
            Expect(WitTokenKind.LeftBrace, "or ';' after 'resource " + name + "'");
            bool sawConstructor = false;
            while (!At(WitTokenKind.RightBrace) && !AtEnd && !TooManyErrors)
            {
                ParseItemRecovering(() =>
                {
                    var function = ParseResourceFunction(name);
                    if (function.Kind == WitFunctionKind.Constructor)
                    {
                        if (sawConstructor) Report(WitDiagnosticIds.DuplicateConstructor, "the resource '" + name + "' already has a constructor", function.Position);
                        sawConstructor = true;
                    }
                    functions.Add(function);
                });
            }
            Expect(WitTokenKind.RightBrace, "to close the resource '" + name + "'");
            Accept(WitTokenKind.Semicolon);
        }
        return new WitResource(name, functions, docs, gates, SpanFrom(first));
    }

    private WitFunction ParseResourceFunction(string resource)
    {
        var docs = Current.Docs;
        var gates = ParseGates();
        docs = WitSyntaxDocs.Merge(docs, gates.Count > 0 ? Current.Docs : null);
        var first = Current;
        if (AcceptKeyword("constructor"))
        {
            var parameters = ParseParams("constructor");
            var result = ParseResultType("constructor");
            Expect(WitTokenKind.Semicolon, "after the constructor signature");
            return new WitFunction("constructor", WitFunctionKind.Constructor, false, parameters, result, docs, gates, SpanFrom(first));
        }
        if (!(At(WitTokenKind.Identifier) && PeekAt(1).Kind == WitTokenKind.Colon))
        {
            throw Fail("expected 'constructor', a method ('name: func(...);') or '}' in the resource '" + resource + "'");
        }
        string name = ExpectIdentifier("a method name");
        Advance();
        var kind = AcceptKeyword("static") ? WitFunctionKind.Static : WitFunctionKind.Method;
        return ParseFunctionSignature(name, kind, docs, gates, first);
    }
}
