using Microsoft.CodeAnalysis;

namespace Wippy.Generators.Tests.Support;

/// <summary>Reads the incremental step tracking of a generator run: why each output of a step was (re)computed.</summary>
internal static class StepReasons
{
    /// <summary>Every (value, reason) output of the tracked step <paramref name="stepName"/>.</summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string stepName)
    {
        Assert.True(result.TrackedSteps.TryGetValue(stepName, out var steps), $"no tracked step '{stepName}'; tracked: {string.Join(", ", result.TrackedSteps.Keys)}");
        return steps.SelectMany(s => s.Outputs).ToList();
    }

    /// <summary>Every (value, reason) output of every source output (<c>RegisterSourceOutput</c>) step.</summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).ToList();

    public static string Describe(IEnumerable<(object Value, IncrementalStepRunReason Reason)> outputs) =>
        string.Join("; ", outputs.Select(o => $"{o.Reason}: {Short(o.Value)}"));

    private static string Short(object value)
    {
        var text = value?.ToString() ?? "null";
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
