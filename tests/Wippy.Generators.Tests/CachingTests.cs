using Microsoft.CodeAnalysis;
using Wippy.Generators.Tests.Support;
using static Wippy.Generators.RegistryGenerator;

namespace Wippy.Generators.Tests;

/// <summary>
/// The generator is incremental per namespace: editing one registry file recomputes only the emitted file of
/// its namespace, an unchanged run recomputes nothing, and files no entry uses change no output.
/// </summary>
public sealed class CachingTests
{
    [Fact]
    public void Editing_one_namespace_recomputes_only_that_namespace_output()
    {
        var (driver, alpha, _) = RunAlphaAndBeta();

        driver = Replace(driver, alpha, SmallRegistries.Alpha.Replace("Returns one.", "Returns the number one."));
        var result = driver.GetRunResult().Results.Single();

        var outputs = StepReasons.NamespaceOutputs(result);
        Assert.Equal(IncrementalStepRunReason.Modified, outputs["alpha"]);
        Assert.True(StepReasons.IsReused(outputs["beta"]), $"beta's output was {outputs["beta"]}\n{StepReasons.Describe(result)}");
        Assert.Equal(
            new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached },
            StepReasons.Of(result, Steps.RegistryFiles).Order());
        Assert.Contains("Returns the number one.", result.NamespaceSource("alpha"));
    }

    [Fact]
    public void Editing_one_namespace_keeps_the_registration_output_cached()
    {
        var (driver, alpha, _) = RunAlphaAndBeta();

        driver = Replace(driver, alpha, SmallRegistries.Alpha.Replace("Returns one.", "Returns the number one."));
        var result = driver.GetRunResult().Results.Single();

        Assert.All(StepReasons.Of(result, Steps.Root), r => Assert.True(StepReasons.IsReused(r), $"Root was {r}"));
    }

    [Fact]
    public void Running_again_without_changes_reuses_every_step()
    {
        var (driver, _, _) = RunAlphaAndBeta();

        driver = GeneratorHarness.Run(driver);
        var result = driver.GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps.Concat(result.TrackedOutputSteps).SelectMany(kv => kv.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason == IncrementalStepRunReason.Cached, $"an output was {o.Reason}\n{StepReasons.Describe(result)}"));
    }

    [Fact]
    public void Editing_a_wit_file_no_entry_uses_changes_no_output()
    {
        var unused = new InMemoryAdditionalText(TestRegistry.Root + "alpha/unused.wit", "unused: func() -> u32;\n");
        var (driver, _, _) = RunAlphaAndBeta(unused);

        driver = Replace(driver, unused, "unused: func(x: u32) -> u64;\n");
        var result = driver.GetRunResult().Results.Single();

        Assert.All(StepReasons.AllOutputs(result), r => Assert.True(StepReasons.IsReused(r), $"an output was {r}\n{StepReasons.Describe(result)}"));
    }

    [Fact]
    public void Editing_one_wit_file_parses_only_that_file_again_and_recomputes_only_its_namespace()
    {
        // alpha and beta each take their signature from a .wit file of their own.
        var registry = new TestRegistry();
        registry.Add("alpha/_index.yaml", SmallRegistries.Alpha.Replace("wit: |\n      one: func() -> s32;", "wit: file://alpha.wit"));
        registry.Add("alpha/alpha.wit", "/// Returns one.\none: func() -> s32;\n");
        registry.Add("beta/_index.yaml", SmallRegistries.Beta.Replace("wit: |\n      two: func(x: u32) -> u32;", "wit: file://beta.wit"));
        registry.Add("beta/beta.wit", "two: func(x: u32) -> u32;\n");
        var driver = GeneratorHarness.Run(GeneratorHarness.CreateDriver(registry.Files, TestRegistry.Root));
        var first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        Assert.Contains("Returns one.", first.NamespaceSource("alpha"), StringComparison.Ordinal);
        Assert.Equal(new[] { IncrementalStepRunReason.New, IncrementalStepRunReason.New }, StepReasons.Of(first, Steps.WitFiles));

        var alphaWit = registry.Files.Single(f => f.Path.EndsWith("alpha.wit", StringComparison.Ordinal));
        driver = Replace(driver, alphaWit, "/// Returns the number one.\none: func() -> s32;\n");
        var result = driver.GetRunResult().Results.Single();

        // The edited file is parsed again; the other one is not (its step output is the cached parse).
        Assert.Equal(
            new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached },
            StepReasons.Of(result, Steps.WitFiles).Order());
        var outputs = StepReasons.NamespaceOutputs(result);
        Assert.Equal(IncrementalStepRunReason.Modified, outputs["alpha"]);
        Assert.True(StepReasons.IsReused(outputs["beta"]), $"beta's output was {outputs["beta"]}\n{StepReasons.Describe(result)}");
        Assert.Contains("Returns the number one.", result.NamespaceSource("alpha"), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_an_unrelated_text_file_changes_no_step()
    {
        var notes = new InMemoryAdditionalText(TestRegistry.Root + "notes.txt", "first\n");
        var (driver, _, _) = RunAlphaAndBeta(notes);

        driver = Replace(driver, notes, "second\n");
        var result = driver.GetRunResult().Results.Single();

        Assert.All(StepReasons.Of(result, Steps.Models), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(StepReasons.AllOutputs(result), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void Adding_a_namespace_adds_its_output_and_keeps_the_others()
    {
        var alpha = new InMemoryAdditionalText(TestRegistry.Root + "alpha/_index.yaml", SmallRegistries.Alpha);
        var driver = GeneratorHarness.Run(GeneratorHarness.CreateDriver(new[] { alpha }, TestRegistry.Root));

        driver = GeneratorHarness.Run(driver.AddAdditionalTexts([new InMemoryAdditionalText(TestRegistry.Root + "beta/_index.yaml", SmallRegistries.Beta)]));
        var result = driver.GetRunResult().Results.Single();

        var outputs = StepReasons.NamespaceOutputs(result);
        Assert.Equal(IncrementalStepRunReason.New, outputs["beta"]);
        Assert.True(StepReasons.IsReused(outputs["alpha"]), $"alpha's output was {outputs["alpha"]}");
        Assert.Contains("global::TestApp.Beta.BetaFunctionsRegistration.CreateEntries()", result.Source("Wippy.Registry.g.cs"));
    }

    [Fact]
    public void Editing_only_a_yaml_comment_of_the_snapshot_registry_changes_no_output()
    {
        // Every model (records, variants, options, results, lists, tuples…) must compare by value for this to hold.
        var registry = TestRegistry.FromTestData("snapshot");
        var driver = GeneratorHarness.Run(GeneratorHarness.CreateDriver(registry.Files, TestRegistry.Root));
        var types = registry.Files.Single(f => f.Path.EndsWith("app/types/_index.yaml", StringComparison.Ordinal));
        var text = types.GetText()!.ToString();
        Assert.Contains("# Compound WIT types", text, StringComparison.Ordinal);

        driver = Replace(driver, types, text.Replace("# Compound WIT types", "# Compound WIT value types"));
        var result = driver.GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(StepReasons.Of(result, Steps.RegistryFiles), r => r != IncrementalStepRunReason.Cached));
        Assert.All(StepReasons.AllOutputs(result), r => Assert.True(StepReasons.IsReused(r), $"an output was {r}\n{StepReasons.Describe(result)}"));
    }

    private static (GeneratorDriver Driver, AdditionalText Alpha, AdditionalText Beta) RunAlphaAndBeta(params AdditionalText[] extra)
    {
        var alpha = new InMemoryAdditionalText(TestRegistry.Root + "alpha/_index.yaml", SmallRegistries.Alpha);
        var beta = new InMemoryAdditionalText(TestRegistry.Root + "beta/_index.yaml", SmallRegistries.Beta);
        var driver = GeneratorHarness.Run(GeneratorHarness.CreateDriver(new AdditionalText[] { alpha, beta }.Concat(extra), TestRegistry.Root));
        var first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        Assert.Equal(
            new[] { "Wippy.Registry.g.cs" }.Concat(new[] { "alpha", "beta" }.SelectMany(ns => new[] { "Abi", "Json", "Lua", "Proxy", "Registration" }.Select(c => $"Wippy.{ns}.{c}.g.cs"))),
            first.HintNames());
        return (driver, alpha, beta);
    }

    private static GeneratorDriver Replace(GeneratorDriver driver, AdditionalText old, string newText) =>
        GeneratorHarness.Run(driver.ReplaceAdditionalText(old, new InMemoryAdditionalText(old.Path, newText)));
}
