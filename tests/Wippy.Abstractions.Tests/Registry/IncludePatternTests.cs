using Wippy.Diagnostics;
using Wippy.Registry;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>The <c>include</c> patterns of fs.embed entries: what each selects.</summary>
public sealed class IncludePatternTests
{
    private static IncludePattern Pattern(string text) =>
        IncludePattern.Parse(text, SourcePosition.At("x.yaml", 1, 1), out var problem) ?? throw new InvalidOperationException(problem);

    [Theory]
    [InlineData("*.wasm", "mapper.wasm", true)]
    [InlineData("*.wasm", "mapper.wat", false)]
    [InlineData("*.wasm", "sub/mapper.wasm", false)] // * stays within a name
    [InlineData("*.wasm", "wasm", false)]
    [InlineData("map?er.wasm", "mapper.wasm", true)]
    [InlineData("map?er.wasm", "mapmer.wasm", true)]
    [InlineData("map?er.wasm", "maper.wasm", false)]
    [InlineData("**/*.wasm", "mapper.wasm", true)] // ** can be no folder at all
    [InlineData("**/*.wasm", "a/b/c/mapper.wasm", true)]
    [InlineData("a/**/x.txt", "a/x.txt", true)]
    [InlineData("a/**/x.txt", "a/b/c/x.txt", true)]
    [InlineData("a/**/x.txt", "b/x.txt", false)]
    [InlineData("static", "static/site.css", true)] // a directory brings what is under it
    [InlineData("static", "static/css/site.css", true)]
    [InlineData("static", "statics/site.css", false)]
    [InlineData("static/*", "static/css/site.css", true)]
    [InlineData("./data/*.json", "data/users.json", true)]
    [InlineData("data/", "data/users.json", true)]
    [InlineData("*", "anything/at/all.txt", true)]
    [InlineData("*a*b*", "xaybz", true)]
    [InlineData("*a*b*", "xbyaz", false)]
    public void Selects(string pattern, string path, bool expected) =>
        Assert.Equal(expected, Pattern(pattern).Matches(path));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("  ", "is empty")]
    [InlineData("/wasm", "is absolute")]
    [InlineData("a/../b", "leaves the directory")]
    [InlineData("a\\b", "uses '\\'")]
    [InlineData("[ab].wasm", "brackets or braces")]
    [InlineData("./", "matches nothing but the directory itself")]
    public void Refuses(string pattern, string problem)
    {
        Assert.Null(IncludePattern.Parse(pattern, SourcePosition.At("x.yaml", 1, 1), out var why));
        Assert.Contains(problem, why, StringComparison.Ordinal);
    }
}
