using System.Text;
using Wippy.Diagnostics;
using Wippy.Registry;
using Wippy.Wit;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Safety;

/// <summary>
/// Input nested tens of thousands of levels deep is an error at the level that goes past the limit, not a stack
/// overflow (which would end the compiler or the build step with no message). Each test runs on a small thread
/// stack so that a recursion that escaped the limit fails here rather than passing on a large default stack.
/// </summary>
public sealed class NestingDepthTests
{
    private const int Hostile = 50_000;

    [Theory]
    [InlineData("block")]
    [InlineData("flow-list")]
    [InlineData("flow-map")]
    public void Yaml_nested_50000_deep_is_an_error_at_the_level_past_the_limit(string style)
    {
        var yaml = "namespace: app\nentries:\n  - name: deep\n    kind: function.wat\n    meta:\n      x: " + Nested(style, Hostile) + "\n";

        var result = OnSmallStack(() => Parse(yaml));

        Assert.Null(result.Document);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(SafetyDiagnosticIds.YamlTooDeep, d.Id);
        Assert.Equal(WippySeverity.Error, d.Severity);
        Assert.Contains($"more than {RegistryParser.MaxNestingDepth} levels deep", d.Message, StringComparison.Ordinal);
        Assert.Contains("flatten this value", d.Message, StringComparison.Ordinal);
        Assert.True(d.Position.Line >= 6, $"reported at line {d.Position.Line}, expected the meta value's lines");
    }

    [Fact]
    public void Yaml_at_the_limit_is_read_and_one_more_level_is_refused()
    {
        // The root map, the entries list and the entry map are 3 levels; meta is the 4th, x's value the 5th.
        string At(int levels) => "namespace: app\nentries:\n  - name: deep\n    kind: fs.directory\n    directory: ./d\n    meta:\n      x: " + Nested("flow-list", levels) + "\n";

        var atLimit = Parse(At(RegistryParser.MaxNestingDepth - 4));
        var past = Parse(At(RegistryParser.MaxNestingDepth - 3));

        Assert.DoesNotContain(atLimit.Diagnostics, d => d.Id == SafetyDiagnosticIds.YamlTooDeep);
        var d = Assert.Single(past.Diagnostics);
        Assert.Equal(SafetyDiagnosticIds.YamlTooDeep, d.Id);
        Assert.Equal(7, d.Position.Line);
        Assert.Equal(10 + RegistryParser.MaxNestingDepth - 4, d.Position.Column); // the '[' one level past the limit
    }

    [Theory]
    [InlineData("list<", ">")]
    [InlineData("option<", ">")]
    [InlineData("tuple<", ">")]
    [InlineData("result<", ">")]
    public void Wit_type_nested_50000_deep_is_an_error_at_the_type_past_the_limit(string open, string close)
    {
        var type = Repeat(open, Hostile) + "u8" + Repeat(close, Hostile);
        var text = "f: func(x: " + type + ");\ng: func() -> u8;\n";

        var result = OnSmallStack(() => WitParser.ParseSignatures(text, "entry.yaml"));

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(SafetyDiagnosticIds.WitTooDeep, d.Id);
        Assert.Equal(1, d.Position.Line);
        Assert.Equal(12 + WitParser.MaxTypeNestingDepth * open.Length, d.Position.Column); // 'f: func(x: ' is 11 columns
        Assert.Contains($"more than {WitParser.MaxTypeNestingDepth} levels deep", d.Message, StringComparison.Ordinal);
        Assert.Contains("type inner = ...;", d.Message, StringComparison.Ordinal);
        // The broken item is skipped; the next one is still read.
        Assert.Contains(result.Document!.Interfaces.Single().Functions, f => f.Name == "g");
    }

    [Fact]
    public void Wit_type_at_the_limit_parses_and_one_more_level_is_refused()
    {
        string Type(int levels) => "f: func(x: " + Repeat("list<", levels - 1) + "u8" + Repeat(">", levels - 1) + ");";

        Assert.Empty(WitParser.ParseSignatures(Type(WitParser.MaxTypeNestingDepth), "a.wit").Diagnostics);
        var d = Assert.Single(WitParser.ParseSignatures(Type(WitParser.MaxTypeNestingDepth + 1), "a.wit").Diagnostics);
        Assert.Equal(SafetyDiagnosticIds.WitTooDeep, d.Id);
    }

    [Fact]
    public void Wit_file_with_a_deep_type_in_an_interface_is_an_error_too()
    {
        var text = "package a:b;\ninterface i {\n  type t = " + Repeat("list<", Hostile) + "u8" + Repeat(">", Hostile) + ";\n}\n";

        var result = OnSmallStack(() => WitParser.Parse(text, "deep.wit"));

        Assert.Equal(SafetyDiagnosticIds.WitTooDeep, Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Wit_chains_of_aliases_and_uses_resolve_without_recursing_per_link()
    {
        // Long enough to overflow the small stack if the resolver recursed per link; the resolver's time grows with
        // the square of a chain's length, so the chain is kept at a few thousand links to keep the test fast.
        const int Chain = 3000;
        var aliases = new StringBuilder("package a:chain;\ninterface i {\n");
        for (var i = 0; i < Chain; i++) aliases.Append("  type t").Append(i).Append(" = t").Append(i + 1).Append(";\n");
        aliases.Append("  type t").Append(Chain).Append(" = u8;\n}\n");
        var uses = new StringBuilder("package a:uses;\ninterface i0 { type t = u8; }\n");
        for (var i = 1; i < Chain; i++) uses.Append("interface i").Append(i).Append(" { use i").Append(i - 1).Append(".{t}; }\n");

        var result = OnSmallStack(() =>
        {
            var docs = new[] { WitParser.Parse(aliases.ToString(), "aliases.wit").Document!, WitParser.Parse(uses.ToString(), "uses.wit").Document! };
            return WitResolver.Resolve(docs);
        });

        Assert.Empty(result.Diagnostics);
    }

    private static string Nested(string style, int levels) => style switch
    {
        "flow-list" => Repeat("[", levels) + Repeat("]", levels),
        "flow-map" => Repeat("{a: ", levels) + "1" + Repeat("}", levels),
        _ => BlockNested(levels),
    };

    /// <summary>Block sequences in the compact form: "- - - end" is a list in a list in a list.</summary>
    private static string BlockNested(int levels) => "\n        " + Repeat("- ", levels) + "end";

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    /// <summary>Runs <paramref name="work"/> on a thread with a 256 KiB stack and returns its result (or rethrows).</summary>
    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = e; }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException("the work threw", failure);
        return result;
    }
}
