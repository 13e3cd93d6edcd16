using System.Globalization;
using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>Type uses (<c>ty</c> in the grammar): primitives, <c>list</c>, <c>option</c>, <c>result</c>, <c>tuple</c>, handles, names...</summary>
internal sealed partial class WitSyntaxParser
{
    /// <summary>How deep type uses are nested right now (<c>list&lt;option&lt;u8&gt;&gt;</c> is 2 inside the option).</summary>
    private int _typeDepth;

    /// <summary>
    /// Parses a type; <paramref name="context"/> completes "expected a type ..." in errors. A type nested deeper than
    /// <see cref="WitParser.MaxTypeNestingDepth"/> is an error at the type that goes past it, so that hostile input
    /// cannot recurse until the stack (of the compiler, when the generator runs) overflows.
    /// </summary>
    private WitType ParseType(string context)
    {
        if (_typeDepth >= WitParser.MaxTypeNestingDepth)
        {
            Report(
                SafetyDiagnosticIds.WitTooDeep,
                "this type is nested more than " + WitParser.MaxTypeNestingDepth + " levels deep (list<list<...>>); give an inner part a name with \"type inner = ...;\" and use that name here",
                Current);
            throw new WitSyntaxException();
        }
        _typeDepth++;
        try
        {
            return ParseTypeAtDepth(context);
        }
        finally
        {
            _typeDepth--;
        }
    }

    private WitType ParseTypeAtDepth(string context)
    {
        if (!At(WitTokenKind.Identifier)) throw Fail("expected a type " + context);
        var first = Current;
        if (first.Escaped)
        {
            Advance();
            return new WitNamedType(first.Text, SpanFrom(first));
        }
        var primitive = Primitive(first.Text);
        if (primitive is { } kind)
        {
            Advance();
            return new WitPrimitiveType(kind, SpanFrom(first));
        }
        switch (first.Text)
        {
            case "list":
                return ParseList(first);
            case "option":
                Advance();
                Expect(WitTokenKind.Less, "after 'option'");
                var inner = ParseType("inside 'option<...>'");
                Expect(WitTokenKind.Greater, "to close 'option<...>'");
                return new WitOptionType(inner, SpanFrom(first));
            case "result":
                return ParseResult(first);
            case "tuple":
                return ParseTuple(first);
            case "borrow":
            case "own":
                Advance();
                Expect(WitTokenKind.Less, "after '" + first.Text + "'");
                string resource = ExpectIdentifier("a resource name inside '" + first.Text + "<...>'");
                Expect(WitTokenKind.Greater, "to close '" + first.Text + "<...>'");
                return new WitHandleType(resource, first.Text == "borrow", SpanFrom(first));
            case "future":
            case "stream":
                Advance();
                WitType? element = null;
                if (Accept(WitTokenKind.Less))
                {
                    element = ParseType("inside '" + first.Text + "<...>'");
                    Expect(WitTokenKind.Greater, "to close '" + first.Text + "<...>'");
                }
                return first.Text == "future" ? new WitFutureType(element, SpanFrom(first)) : new WitStreamType(element, SpanFrom(first));
            case "map":
                Advance();
                Expect(WitTokenKind.Less, "after 'map'");
                var key = ParseType("as the key of 'map<K, V>'");
                Expect(WitTokenKind.Comma, "between the key and value types of 'map<K, V>'");
                var value = ParseType("as the value of 'map<K, V>'");
                Expect(WitTokenKind.Greater, "to close 'map<K, V>'");
                return new WitMapType(key, value, SpanFrom(first));
            case "error-context":
                Advance();
                return new WitErrorContextType(SpanFrom(first));
        }
        if (WitKeywords.IsKeyword(first.Text)) throw Fail("expected a type " + context);
        Advance();
        return new WitNamedType(first.Text, SpanFrom(first));
    }

    /// <summary><c>list&lt;T&gt;</c> or <c>list&lt;T, N&gt;</c>.</summary>
    private WitListType ParseList(WitToken first)
    {
        Advance();
        Expect(WitTokenKind.Less, "after 'list'");
        var element = ParseType("inside 'list<...>'");
        int? length = null;
        if (Accept(WitTokenKind.Comma))
        {
            if (!At(WitTokenKind.Number)) throw Fail("expected a length in 'list<T, N>'", WitDiagnosticIds.InvalidListLength);
            var lengthToken = Advance();
            if (!int.TryParse(lengthToken.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
            {
                Report(WitDiagnosticIds.InvalidListLength, "the length of 'list<T, N>' must be a positive integer, found '" + lengthToken.Text + "'", lengthToken);
            }
            else
            {
                length = n;
            }
        }
        Expect(WitTokenKind.Greater, "to close 'list<...>'");
        return new WitListType(element, length, SpanFrom(first));
    }

    /// <summary><c>result</c>, <c>result&lt;T&gt;</c>, <c>result&lt;_, E&gt;</c> or <c>result&lt;T, E&gt;</c>.</summary>
    private WitResultType ParseResult(WitToken first)
    {
        Advance();
        if (!Accept(WitTokenKind.Less)) return new WitResultType(null, null, SpanFrom(first));
        WitType? ok = null, err = null;
        if (Accept(WitTokenKind.Underscore))
        {
            Expect(WitTokenKind.Comma, "after '_' in 'result<_, E>'");
            err = ParseType("as the error of 'result<_, E>'");
        }
        else
        {
            ok = ParseType("inside 'result<...>'");
            if (Accept(WitTokenKind.Comma)) err = ParseType("as the error of 'result<T, E>'");
        }
        Expect(WitTokenKind.Greater, "to close 'result<...>'");
        return new WitResultType(ok, err, SpanFrom(first));
    }

    /// <summary><c>tuple&lt;A, B, ...&gt;</c> with at least one element.</summary>
    private WitTupleType ParseTuple(WitToken first)
    {
        Advance();
        Expect(WitTokenKind.Less, "after 'tuple'");
        var elements = new List<WitType>();
        do
        {
            if (At(WitTokenKind.Greater) && elements.Count > 0) break;
            elements.Add(ParseType("inside 'tuple<...>'"));
        }
        while (Accept(WitTokenKind.Comma));
        Expect(WitTokenKind.Greater, "to close 'tuple<...>'");
        return new WitTupleType(elements, SpanFrom(first));
    }

    private static WitPrimitive? Primitive(string name) => name switch
    {
        "bool" => WitPrimitive.Bool,
        "s8" => WitPrimitive.S8,
        "u8" => WitPrimitive.U8,
        "s16" => WitPrimitive.S16,
        "u16" => WitPrimitive.U16,
        "s32" => WitPrimitive.S32,
        "u32" => WitPrimitive.U32,
        "s64" => WitPrimitive.S64,
        "u64" => WitPrimitive.U64,
        "f32" or "float32" => WitPrimitive.F32,
        "f64" or "float64" => WitPrimitive.F64,
        "char" => WitPrimitive.Char,
        "string" => WitPrimitive.String,
        _ => null,
    };
}
