using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>The parser never throws and is deterministic, whatever the text.</summary>
public sealed class RobustnessTests
{
    private static readonly string Sample = RegistryYaml.Wasm(
        "    wit: |\n      f: func(a: s32) -> s32;\n" +
        "    pool: { type: static, workers: 2 }\n" +
        "    imports: [wasi:io, \"wasi:clocks@0.2.0\"]\n" +
        "    wasi:\n      args: ['--v']\n      env:\n        - id: k\n          name: K\n      mounts:\n        - fs: assets\n          guest: /d\n" +
        "    limits:\n      max_execution_ms: 10\n    meta: &m\n      title: T\n  - name: x\n    kind: http.endpoint\n    meta: *m\n" +
        "    method: get\n    path: /u/{id}/x\n    func: compute\n" +
        "  - name: web\n    kind: http.service\n    addr: \"127.0.0.1:8080\"\n" +
        "  - name: v1\n    kind: http.router\n    prefix: /v1/\n    meta: { server: web }\n");

    [Fact]
    public void Sample_is_clean() => Assert.Empty(Parse(Sample).Diagnostics);

    [Fact]
    public void Mutations_never_throw_and_give_the_same_answer_twice()
    {
        var lines = Sample.Split('\n');
        var inputs = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            inputs.Add(string.Join("\n", lines.Where((_, j) => j != i)));
            inputs.Add(string.Join("\n", lines.Select((l, j) => j == i ? " " + l : l)));
            inputs.Add(string.Join("\n", lines.Select((l, j) => j == i ? l.TrimStart() : l)));
            inputs.Add(string.Join("\n", lines.Take(i)));
        }

        var random = new Random(1234);
        const string noise = ":-[]{}'\"|>&*!#%@`,?\t\r 0a";
        for (var n = 0; n < 300; n++)
        {
            var chars = Sample.ToCharArray();
            for (var k = 0; k < 3; k++)
            {
                chars[random.Next(chars.Length)] = noise[random.Next(noise.Length)];
            }

            inputs.Add(new string(chars));
        }

        foreach (var input in inputs)
        {
            var first = Parse(input);
            var second = Parse(input);
            Assert.Equal(first.Diagnostics, second.Diagnostics);
            Assert.All(first.Diagnostics, d => Assert.True(d.Position.Line >= 1 && d.Position.Column >= 1, d.ToString()));
            if (first.Document is { } document)
            {
                RegistryValidator.Validate(new[] { document });
            }
        }
    }

    [Fact]
    public void Crlf_line_endings_keep_block_positions()
    {
        var yaml = "namespace: myns\r\nentries:\r\n  - name: answer\r\n    kind: function.wat\r\n    source: |\r\n      (module)\r\n    method: answer\r\n";
        var result = Parse(yaml);
        Assert.Empty(result.Diagnostics);
        var source = result.Document!.Entries.OfType<FunctionEntry>().Single().Source!;
        Assert.Equal((6, 6), (source.ContentLine, source.ContentColumnOffset));
    }

    [Fact]
    public void Relative_yaml_path_does_not_throw()
    {
        var result = RegistryParser.Parse("_index.yaml", "namespace: a\nentries:\n  - name: d\n    kind: fs.directory\n    directory: ./x\n");
        Assert.Empty(result.Diagnostics);
    }
}
