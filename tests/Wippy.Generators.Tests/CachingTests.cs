using Microsoft.CodeAnalysis;
using Wippy.Generators.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Generators.Tests;

public sealed class CachingTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var registry = TestRegistry.FromTestData("snapshot");
        var driver = GeneratorHarness.Run(GeneratorHarness.CreateDriver(registry.Files, TestRegistry.Root));
        var edited = registry.Files.Single(f => f.Path.EndsWith("myns/_index.yaml"));
        var text = edited.GetText()!.ToString().Replace("Multiplies two numbers.", "Multiplies two whole numbers.");
        driver = GeneratorHarness.Run(driver.ReplaceAdditionalText(edited, new InMemoryAdditionalText(edited.Path, text)));
        var r = driver.GetRunResult().Results[0];
        foreach (var (k, v) in r.TrackedSteps)
            foreach (var s in v) output.WriteLine($"step {k}: {StepReasons.Describe(s.Outputs)}");
        foreach (var (k, v) in r.TrackedOutputSteps)
            foreach (var s in v) output.WriteLine($"out {k}: {StepReasons.Describe(s.Outputs)} <- {string.Join(",", s.Inputs.Select(i => i.Source.Name + "#" + i.OutputIndex))}");
    }
}
