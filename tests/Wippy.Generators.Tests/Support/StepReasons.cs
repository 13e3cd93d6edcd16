using Microsoft.CodeAnalysis;
using Wippy.Generators.Model;

namespace Wippy.Generators.Tests.Support;

/// <summary>Reads the incremental step tracking of a generator run: why each output of a step was (re)computed.</summary>
internal static class StepReasons
{
    /// <summary>The reason of each output of the tracked step <paramref name="stepName"/> (one of <see cref="RegistryGenerator.Steps"/>).</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Of(GeneratorRunResult result, string stepName)
    {
        Assert.True(result.TrackedSteps.TryGetValue(stepName, out var steps), $"no tracked step '{stepName}'; tracked: {string.Join(", ", result.TrackedSteps.Keys)}");
        return steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
    }

    /// <summary>
    /// The reason of the source output (the emitted file) of each registry namespace, keyed by namespace, as
    /// recorded for the <c>RegisterSourceOutput</c> steps fed by the <see cref="RegistryGenerator.Steps.Namespaces"/> step.
    /// </summary>
    public static IReadOnlyDictionary<string, IncrementalStepRunReason> NamespaceOutputs(GeneratorRunResult result)
    {
        var reasons = new Dictionary<string, IncrementalStepRunReason>(StringComparer.Ordinal);
        foreach (var step in result.TrackedOutputSteps.SelectMany(kv => kv.Value))
        {
            var input = step.Inputs.Single();
            if (input.Source.Name != RegistryGenerator.Steps.Namespaces) continue;
            var ns = (NamespaceModel)input.Source.Outputs[input.OutputIndex].Value;
            reasons.Add(ns.RegistryNamespace, step.Outputs.Single().Reason);
        }
        return reasons;
    }

    /// <summary>The reasons of every source output step (namespaces, the registration, the diagnostics).</summary>
    public static IReadOnlyList<IncrementalStepRunReason> AllOutputs(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    /// <summary>The reasons of every tracked step, named, for failure messages.</summary>
    public static string Describe(GeneratorRunResult result) => string.Join("\n", result.TrackedSteps
        .Concat(result.TrackedOutputSteps)
        .SelectMany(kv => kv.Value.Select(s => $"{kv.Key}: {string.Join(", ", s.Outputs.Select(o => o.Reason))}")));

    public static bool IsReused(IncrementalStepRunReason reason) =>
        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;
}
