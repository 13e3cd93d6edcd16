using Wippy.Modules;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline;

/// <summary>Everything one generator run sees, gathered from the AdditionalFiles and build properties.</summary>
internal sealed class GeneratorInputs
{
    private readonly Dictionary<string, string> _texts;

    public GeneratorInputs(
        IReadOnlyList<RegistryDocument> documents,
        IReadOnlyList<ModuleFacts> modules,
        IEnumerable<TextFile> texts,
        string registryRoot,
        string rootNamespace)
    {
        Documents = documents;
        Modules = modules;
        RegistryRoot = registryRoot;
        RootNamespace = rootNamespace;
        _texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in texts) _texts[PathUtil.Key(t.Path)] = t.Text;
    }

    public IReadOnlyList<RegistryDocument> Documents { get; }

    public IReadOnlyList<ModuleFacts> Modules { get; }

    /// <summary>The directory that registry paths in emitted code are relative to (the project directory by default).</summary>
    public string RegistryRoot { get; }

    /// <summary>The C# namespace emitted code lives under.</summary>
    public string RootNamespace { get; }

    /// <summary>The text of a <c>.wat</c>, <c>.wit</c> or <c>.lua</c> AdditionalFile, or null when the build did not pass it.</summary>
    public string? FindText(string path) => _texts.TryGetValue(PathUtil.Key(path), out var text) ? text : null;

    /// <summary>The <c>.wit</c> AdditionalFiles under <paramref name="directory"/> (at any depth), ordered by path: (path, text).</summary>
    public IReadOnlyList<TextFile> FindWitFilesUnder(string directory)
    {
        var prefix = PathUtil.Key(directory) + "/";
        return _texts
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Key.EndsWith(".wit", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new TextFile("/" + kv.Key, kv.Value))
            .ToList();
    }
}

/// <summary>A <c>.wat</c> or <c>.wit</c> AdditionalFile's path and text.</summary>
internal sealed record TextFile(string Path, string Text);
