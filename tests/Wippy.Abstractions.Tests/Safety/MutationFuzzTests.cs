using System.Diagnostics;
using Wippy.Modules.Components;
using Wippy.Registry;
using Wippy.Wit;
using Xunit.Abstractions;

namespace Wippy.Abstractions.Tests.Safety;

/// <summary>
/// A seeded mutation fuzzer over the three readers that take untrusted input at build time: the registry reader
/// (with the validator and the path rule), the WIT parser and resolver, and the component binary reader. Seeds are
/// the repository's own files (<see cref="FuzzCorpus"/>). Each reader must answer every input with its result:
/// diagnostics (registry, WIT) or a <see cref="ComponentReadResult"/> error; no exception may escape. The counts are
/// fixed and the seeds constant, so a failure names the input that reproduces it.
/// </summary>
public sealed class MutationFuzzTests(ITestOutputHelper output)
{
    private const int RegistryInputs = 40_000;
    private const int WitInputs = 40_000;
    private const int BinaryInputs = 40_000;

    private static readonly string[] YamlTokens =
    [
        "[", "]", "{", "}", "- ", ": ", "\n", "\n  ", "\t", "&a ", "*a", "*b", "!!str ", "!!binary ", "? ", "---\n", "...\n", "#", "\"", "'", "|", ">", "|-", ">+2",
        "%YAML 1.2\n", "9223372036854775808", "-1", "0x7fffffff", "1e400", ".nan", "~", "null", "file://", "file:///etc/passwd", "../",
        "kind: env.storage.router\n    storages: [", "kind: fs.embed\n    directory: ", "max_execution_ms: ", "pool: {workers: ", "\u0000", "\uFEFF", "\u2028",
    ];

    private static readonly string[] WitTokens =
    [
        "list<", "option<", "result<", "tuple<", ">", "<", "{", "}", "(", ")", ";", ",", ":", "%", "->", "@since(version = 1.0.0)", "@unstable(feature = x)",
        "package a:b@1.0.0;", "interface i {", "world w {", "use a:b/i.{t};", "include w;", "record r {", "variant v {", "flags f {", "resource x {",
        "constructor(", "static f: func();", "borrow<", "own<", "future<", "stream<", "map<", "/*", "*/", "//", "///", "\"", "_", "*", "9999999999",
    ];

    [Fact]
    public void Registry_reader_answers_every_mutated_file_with_diagnostics()
    {
        var seeds = FuzzCorpus.RegistryFiles;
        Assert.NotEmpty(seeds);
        var elapsed = Run(RegistryInputs, 0x5EED_0001, (mutator, i) =>
        {
            var yaml = mutator.Text(seeds[i % seeds.Count], seeds, YamlTokens);
            return (yaml, () =>
            {
                var parsed = RegistryParser.Parse("/fuzz/app/_index.yaml", yaml);
                if (parsed.Document is { } document)
                {
                    RegistryValidator.Validate(new[] { document });
                    RegistryPaths.Check(new[] { document }, "/fuzz/app/", Array.Empty<string>());
                }
            });
        });
        output.WriteLine($"{RegistryInputs} registry inputs in {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void Wit_parser_and_resolver_answer_every_mutated_file_with_diagnostics()
    {
        var seeds = FuzzCorpus.WitFiles;
        Assert.NotEmpty(seeds);
        var elapsed = Run(WitInputs, 0x5EED_0002, (mutator, i) =>
        {
            var text = mutator.Text(seeds[i % seeds.Count], seeds, WitTokens);
            return (text, () =>
            {
                var full = WitParser.Parse(text, "fuzz.wit");
                var bare = WitParser.ParseSignatures(text, "fuzz.wit");
                WitResolver.Resolve(new[] { full.Document!, bare.Document! });
            });
        });
        output.WriteLine($"{WitInputs} WIT inputs in {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void Component_reader_answers_every_mutated_binary_with_a_result()
    {
        // Small binaries are mutated most often (more of each input is structure); the large ones every 16th time.
        var seeds = FuzzCorpus.Binaries;
        var small = seeds.Where(b => b.Length <= 8 * 1024).ToList();
        Assert.NotEmpty(small);
        var elapsed = Run(BinaryInputs, 0x5EED_0003, (mutator, i) =>
        {
            var seed = i % 16 == 0 ? seeds[mutator.Next(seeds.Count)] : small[i % small.Count];
            var bytes = mutator.Binary(seed, seeds);
            return (Convert.ToBase64String(bytes), () =>
            {
                var result = ComponentBinaryReader.Read(bytes);
                if (result.Component is { } component)
                {
                    _ = component.ToWorldWit();
                    foreach (var key in component.FunctionKeys) _ = component.FindFunction(key);
                    _ = component.ImportedFunctions;
                    _ = component.DirectCallProblem;
                }
                else
                {
                    Assert.InRange(result.Error!.Offset, 0, bytes.Length);
                }
            });
        });
        output.WriteLine($"{BinaryInputs} component inputs in {elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Runs <paramref name="count"/> inputs; the first one that throws fails the test with its index and text.</summary>
    private static TimeSpan Run(int count, int seed, Func<Mutator, int, (string Input, Action Read)> next)
    {
        var mutator = new Mutator(seed);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var (input, read) = next(mutator, i);
            try
            {
                read();
            }
            catch (Exception e)
            {
                var shown = input.Length > 2000 ? input.Substring(0, 2000) + "…" : input;
                Assert.Fail($"input {i} (seed 0x{seed:X}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}\n--- input ---\n{shown}");
            }
        }

        return clock.Elapsed;
    }
}
