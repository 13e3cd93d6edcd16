using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Wippy.Generators.Tests.Support;

/// <summary>An AdditionalFile held in memory: what MSBuild would hand the generator for a file on disk.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
