using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Wippy.Generators.Tests.Support;

/// <summary>Build properties as the compiler passes them (<c>build_property.*</c>), for every file alike.</summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
{
    private readonly Options _options = new(globals);

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    /// <summary>The properties the generator reads.</summary>
    public static TestOptionsProvider For(string rootNamespace, string registryRoot, string allowedPaths = "") => new(new Dictionary<string, string>
    {
        ["build_property.RootNamespace"] = rootNamespace,
        ["build_property.WippyRegistryRoot"] = registryRoot,
        ["build_property.WippyAllowedPathList"] = allowedPaths.Replace(';', '|'), // as Wippy.Generators.targets passes it
    });

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options Empty { get; } = new(new Dictionary<string, string>());

        // [NotNullWhen(true)] cannot be written here: the generator's netstandard2.0 polyfill of that attribute is
        // visible to this assembly (InternalsVisibleTo) and collides with the framework's (CS0433).
#pragma warning disable CS8765
        public override bool TryGetValue(string key, out string? value) => values.TryGetValue(key, out value);
#pragma warning restore CS8765
    }
}
