using Wippy.Diagnostics;
using Wippy.Modules;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline;

/// <summary>Everything one generator run sees, gathered from the AdditionalFiles and build properties.</summary>
internal sealed class GeneratorInputs
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParsedWitFile> _witFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModuleFacts> _facts = new(StringComparer.Ordinal);

    public GeneratorInputs(
        IReadOnlyList<RegistryDocument> documents,
        IEnumerable<ModuleFacts> modules,
        IEnumerable<TextFile> texts,
        IEnumerable<ParsedWitFile> witFiles,
        string registryRoot,
        string rootNamespace)
    {
        Documents = documents;
        RegistryRoot = registryRoot;
        RootNamespace = rootNamespace;
        foreach (var m in modules) _facts[m.EntryId] = m;
        foreach (var t in texts) _texts[PathUtil.Key(t.Path)] = t.Text;
        foreach (var w in witFiles) _witFiles[PathUtil.Key(w.Path)] = w;
        Http = HttpRouting.Of(documents.SelectMany(d => d.Entries));
    }

    public IReadOnlyList<RegistryDocument> Documents { get; }

    /// <summary>The registry's HTTP routing: which service each router and endpoint is on, and which functions endpoints call.</summary>
    public HttpRouting Http { get; }

    /// <summary>The directory that registry paths in emitted code are relative to (the project directory by default).</summary>
    public string RegistryRoot { get; }

    /// <summary>The C# namespace emitted code lives under.</summary>
    public string RootNamespace { get; }

    /// <summary>Where an entry is declared, as emitted code names it: <c>myns/_index.yaml:12</c>, relative to <see cref="RegistryRoot"/>.</summary>
    public string DeclaredAt(SourcePosition p) => $"{RelativePath(p.FilePath)}:{p.Line}";

    /// <summary><paramref name="path"/> relative to <see cref="RegistryRoot"/>, '/'-separated, so emitted code holds no machine-specific path.</summary>
    public string RelativePath(string path) => PathUtil.RelativeTo(RegistryRoot, path);

    /// <summary>
    /// True when a module facts file was there but could not be read (another format version, reported at the file):
    /// signatures that need facts are then left out silently instead of each being reported as unknown.
    /// </summary>
    public bool FactsRefused { get; init; }

    /// <summary>What the build step found about the module of <paramref name="entryId"/>, or null.</summary>
    public ModuleFacts? FactsOf(string entryId) => _facts.TryGetValue(entryId, out var facts) ? facts : null;

    /// <summary>The text of a <c>.wat</c> or <c>.lua</c> AdditionalFile, or null when the build did not pass it.</summary>
    public string? FindText(string path) => _texts.TryGetValue(PathUtil.Key(path), out var text) ? text : null;

    /// <summary>The parsed <c>.wit</c> AdditionalFile at <paramref name="path"/>, or null when the build did not pass it.</summary>
    public ParsedWitFile? FindWit(string path) => _witFiles.TryGetValue(PathUtil.Key(path), out var file) ? file : null;

    /// <summary>The parsed <c>.wit</c> AdditionalFiles under <paramref name="directory"/> (at any depth), ordered by path.</summary>
    public IReadOnlyList<ParsedWitFile> FindWitFilesUnder(string directory)
    {
        var prefix = PathUtil.Key(directory) + "/";
        return _witFiles
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Key.EndsWith(".wit", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Value)
            .ToList();
    }
}

/// <summary>A <c>.wat</c> or <c>.lua</c> AdditionalFile's path and text.</summary>
internal sealed record TextFile(string Path, string Text);
