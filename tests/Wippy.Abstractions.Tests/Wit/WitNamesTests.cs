using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>kebab-case → C# names.</summary>
public sealed class WitNamesTests
{
    [Theory]
    [InlineData("transform-users", "TransformUsers", "transformUsers")]
    [InlineData("http-1", "Http1", "http1")]
    [InlineData("answer", "Answer", "answer")]
    [InlineData("HTTP-request-URI-too-long", "HttpRequestUriTooLong", "httpRequestUriTooLong")]
    [InlineData("%type", "Type", "type")]
    [InlineData("ipv4-address", "Ipv4Address", "ipv4Address")]
    public void Pascal_and_camel_case(string kebab, string pascal, string camel)
    {
        Assert.Equal(pascal, WitNames.ToPascalCase(kebab));
        Assert.Equal(camel, WitNames.ToCamelCase(kebab));
    }

    [Fact]
    public void Leading_digit_gets_an_underscore()
    {
        Assert.Equal("_1st", WitNames.ToCamelCase("1st"));
    }

    [Theory]
    [InlineData("class", "@class")]
    [InlineData("string", "@string")]
    [InlineData("event", "@event")]
    [InlineData("value", "value")]
    [InlineData("record", "record")]
    [InlineData("users", "users")]
    public void Safe_identifiers_use_the_verbatim_prefix(string name, string safe)
    {
        Assert.Equal(safe, WitNames.ToSafeIdentifier(name));
        Assert.Equal(safe != name, WitNames.IsCSharpKeyword(name));
    }

    [Fact]
    public void Wit_keywords()
    {
        Assert.True(WitKeywords.IsKeyword("record"));
        Assert.False(WitKeywords.IsKeyword("user"));
    }
}
