using Wippy.Diagnostics;
using Wippy.Modules;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// The module facts file the build step wrote (<c>wippy.modules.txt</c>), read in its own incremental step: its format
/// version, and, when that is the version this generator reads, its module facts and the build step's diagnostics.
/// Equal when path and text are equal.
/// </summary>
internal sealed class ParsedFactsFile : IEquatable<ParsedFactsFile>
{
    private ParsedFactsFile(string path, string text, int? version, IReadOnlyList<ModuleFacts> modules, IReadOnlyList<WippyDiagnostic> diagnostics)
    {
        Path = path;
        Text = text;
        Version = version;
        Modules = modules;
        Diagnostics = diagnostics;
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The format version its first line declares, or null when it has no version line.</summary>
    public int? Version { get; }

    /// <summary>True when the file has the format this generator reads; otherwise its records are not read at all.</summary>
    public bool IsReadable => Version == ModuleFactsFile.FormatVersion;

    /// <summary>The facts about each entry's module (empty when the file is not <see cref="IsReadable"/>).</summary>
    public IReadOnlyList<ModuleFacts> Modules { get; }

    /// <summary>What the build step found wrong (bad hash, invalid WAT…), to report as they are.</summary>
    public IReadOnlyList<WippyDiagnostic> Diagnostics { get; }

    public static ParsedFactsFile Parse(string path, string text)
    {
        var version = ModuleFactsFile.ReadVersion(text);
        if (version != ModuleFactsFile.FormatVersion)
        {
            // Fields are positional: a file of another format would be misread, so it is not read at all.
            return new ParsedFactsFile(path, text, version, Array.Empty<ModuleFacts>(), Array.Empty<WippyDiagnostic>());
        }
        var (modules, diagnostics) = ModuleFactsFile.Parse(text);
        return new ParsedFactsFile(path, text, version, modules, diagnostics);
    }

    /// <summary>Why the file cannot be read, for the error at its first line; null when it can.</summary>
    public string? VersionProblem()
    {
        if (IsReadable) return null;
        var found = Version is { } v
            ? $"has the format version {v}, but this Wippy.Generators reads version {ModuleFactsFile.FormatVersion}"
            : $"does not start with a format version line (this Wippy.Generators reads version {ModuleFactsFile.FormatVersion}: '{ModuleFactsFile.VersionLine}')";
        return $"the module facts file {ModuleFactsFile.FileName} {found}: it was written by a Wippy.Build of another version, or is left over from an older build. " +
            "Rebuild the app so the build step writes it again; if this stays, delete the project's obj/ folder (dotnet clean) and build again, " +
            "and check that Wippy.Generators and its build step come from the same package version";
    }

    public bool Equals(ParsedFactsFile? other) =>
        other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ParsedFactsFile);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path) ^ StringComparer.Ordinal.GetHashCode(Text);
}
