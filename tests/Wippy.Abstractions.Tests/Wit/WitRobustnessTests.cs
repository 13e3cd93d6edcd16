using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>The parser and resolver never throw, whatever the text (they run inside the compiler).</summary>
public sealed class WitRobustnessTests
{
    [Fact]
    public void Every_prefix_of_a_real_file_parses_and_resolves_without_throwing()
    {
        string text = File.ReadAllText(Path.Combine(WitFixtures.BuiltinRoot(), "0.2.12", "wasi-http", "package.wit"));
        for (int length = 0; length <= text.Length; length += 7)
        {
            string prefix = text.Substring(0, length);
            var full = WitParser.Parse(prefix, "prefix.wit");
            var bare = WitParser.ParseSignatures(prefix, "prefix.wit");
            WitResolver.Resolve(new[] { full.Document!, bare.Document! });
        }
    }

    [Fact]
    public void Random_token_soup_parses_without_throwing()
    {
        string[] pieces =
        {
            "interface", "world", "package", "use", "import", "export", "include", "with", "record", "variant", "enum",
            "flags", "resource", "type", "func", "static", "async", "constructor", "list", "option", "result", "tuple",
            "borrow", "own", "future", "stream", "map", "a", "b-c", "%type", "wasi", "0.2.0", "4", "@", "@since",
            "(", ")", "{", "}", "<", ">", ",", ":", ";", ".", "/", "=", "->", "_", "*", "\"s\"", "/// doc\n", "/*", "*/", "\n",
        };
        var random = new Random(1234);
        for (int round = 0; round < 2000; round++)
        {
            int count = random.Next(1, 40);
            var parts = new string[count];
            for (int i = 0; i < count; i++) parts[i] = pieces[random.Next(pieces.Length)];
            string text = string.Join(" ", parts);
            var full = WitParser.Parse(text, "soup.wit");
            var bare = WitParser.ParseSignatures(text, "soup.wit");
            WitResolver.Resolve(new[] { full.Document!, bare.Document! });
        }
    }
}
