namespace Wippy.Wit;

/// <summary>Annotations before an item: <c>@since</c>, <c>@unstable</c>, <c>@deprecated</c> and <c>@external-id</c>.</summary>
internal sealed partial class WitSyntaxParser
{
    private static readonly IReadOnlyList<WitGate> NoGates = Array.Empty<WitGate>();

    /// <summary>
    /// Zero or more annotations. <c>@external-id("...")</c> is read and dropped (the AST has no place for it);
    /// the old <c>@since(version = x, feature = y)</c> form is accepted and keeps only the version.
    /// </summary>
    private IReadOnlyList<WitGate> ParseGates()
    {
        List<WitGate>? gates = null;
        while (At(WitTokenKind.At))
        {
            var first = Advance();
            if (!At(WitTokenKind.Identifier)) throw Fail("expected 'since', 'unstable', 'deprecated' or 'external-id' after '@'", WitDiagnosticIds.InvalidGate);
            var name = Advance();
            Expect(WitTokenKind.LeftParen, "after '@" + name.Text + "'");
            WitGateKind kind;
            string value;
            switch (name.Text)
            {
                case "since":
                    kind = WitGateKind.Since;
                    value = ParseGateField("version");
                    if (Accept(WitTokenKind.Comma) && !At(WitTokenKind.RightParen)) ParseGateField("feature");
                    break;
                case "deprecated":
                    kind = WitGateKind.Deprecated;
                    value = ParseGateField("version");
                    break;
                case "unstable":
                    kind = WitGateKind.Unstable;
                    value = ParseGateField("feature");
                    break;
                case "external-id":
                    if (!At(WitTokenKind.String)) throw Fail("expected a string literal in '@external-id(...)'");
                    Advance();
                    Expect(WitTokenKind.RightParen, "to close '@external-id(...)'");
                    continue;
                default:
                    Report(WitDiagnosticIds.InvalidGate, "unknown annotation '@" + name.Text + "': expected '@since', '@unstable', '@deprecated' or '@external-id'", name);
                    throw new WitSyntaxException();
            }
            Expect(WitTokenKind.RightParen, "to close '@" + name.Text + "(...)'");
            (gates ??= new List<WitGate>()).Add(new WitGate(kind, value, SpanFrom(first)));
        }
        return gates ?? NoGates;
    }

    /// <summary><c>version = 1.2.3</c> or <c>feature = name</c>.</summary>
    private string ParseGateField(string field)
    {
        if (!AtKeywordOrName(field)) throw Fail("expected '" + field + " = ...'", WitDiagnosticIds.InvalidGate);
        Advance();
        Expect(WitTokenKind.Equals, "after '" + field + "'");
        return field == "version" ? ParseVersion() : ExpectIdentifier("a feature name after 'feature ='");
    }

    private bool AtKeywordOrName(string word) => At(WitTokenKind.Identifier) && Current.Text == word;
}
