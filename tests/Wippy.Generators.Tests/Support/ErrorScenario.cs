using Microsoft.CodeAnalysis;

namespace Wippy.Generators.Tests.Support;

/// <summary>
/// A registry with one mistake beside a valid function (<c>app:ok</c>): the mistake is reported, and the valid
/// entry is still emitted in code that compiles.
/// </summary>
internal static class ErrorScenario
{
    /// <summary>The valid entry appended to every scenario's YAML (as the last entry of its <c>entries:</c> list).</summary>
    public const string ValidEntry = """
          - name: ok
            kind: function.wat
            source: |
              (module (func (export "ok") (result i32) i32.const 1))
            wit: |
              ok: func() -> s32;
            method: ok
        """;

    /// <summary>Where the scenario's registry file is written.</summary>
    public const string Path = TestRegistry.Root + "app/_index.yaml";

    /// <summary>Runs the generator over <paramref name="yaml"/> (followed by <see cref="ValidEntry"/>) and the extra files.</summary>
    public static GeneratorRunResult Run(string yaml, params (string RelativePath, string Text)[] extraFiles)
    {
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", WithValidEntry(yaml));
        foreach (var (path, text) in extraFiles) registry.Add(path, text);
        return registry.Run();
    }

    public static string WithValidEntry(string yaml) => yaml.TrimEnd('\n') + "\n" + ValidEntry + "\n";

    /// <summary>The valid entry was emitted, <paramref name="leftOut"/> entries were not, and the emitted code compiles cleanly.</summary>
    public static void AssertValidEntryStillEmitted(GeneratorRunResult result, params string[] leftOut)
    {
        var source = result.NamespaceSource("app");
        Assert.Contains("public int Ok() => InvokeOk(_ok);", source, StringComparison.Ordinal);
        Assert.Contains("runtime.GetWasmFunction(\"app:ok\")", source, StringComparison.Ordinal); // the form the check below looks for
        foreach (var id in leftOut) Assert.DoesNotContain($"(\"{id}\")", source, StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }
}
