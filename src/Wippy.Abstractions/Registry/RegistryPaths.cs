using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// The rule for files the build reads because the registry names them: a <c>file://</c> reference (<c>source</c>,
/// <c>wit</c>) and an <c>fs.directory</c> / <c>fs.embed</c> <c>directory</c> must resolve inside the registry root (the
/// project directory, <c>WippyRegistryRoot</c>) or inside one of the directories the project allows explicitly
/// (<c>WippyAllowedPaths</c>); a function's <c>path</c> must stay inside its fs directory. Anything else is an error
/// at its YAML line (<see cref="SafetyDiagnosticIds.PathOutsideRoot"/>), and the entry is refused, so the build step
/// neither reads nor ships it. The source generator and the build step both apply it, with the same root.
/// Paths are compared as written after normalization (<c>..</c> removed); a symbolic link inside the project that
/// points outside it is not followed.
/// </summary>
public static class RegistryPaths
{
    /// <summary>The result of <see cref="Check"/>: the errors, and the ids of the entries they refuse.</summary>
    /// <param name="Diagnostics">One error per path outside the allowed directories.</param>
    /// <param name="RefusedEntryIds">The entries that name such a path; the build must not read their files.</param>
    public sealed record Result(IReadOnlyList<WippyDiagnostic> Diagnostics, IReadOnlyCollection<string> RefusedEntryIds);

    /// <summary>
    /// Splits a <c>WippyAllowedPaths</c> value (directories separated by <c>;</c>, or by <c>|</c> as the compiler gets
    /// them) into full paths; relative ones are taken from <paramref name="registryRoot"/>. Blank items are skipped.
    /// </summary>
    /// <param name="allowedPaths">The property's value, or null.</param>
    /// <param name="registryRoot">The registry root.</param>
    public static IReadOnlyList<string> ParseAllowed(string? allowedPaths, string registryRoot)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(allowedPaths)) return result;
        foreach (var item in allowedPaths!.Split(';', '|'))
        {
            var trimmed = item.Trim();
            if (trimmed.Length == 0) continue;
            try
            {
                result.Add(Path.GetFullPath(registryRoot.Length == 0 ? trimmed : Path.Combine(registryRoot, trimmed)));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                // Not a path: it allows nothing.
            }
        }

        return result;
    }

    /// <summary>
    /// Checks every path of <paramref name="documents"/>. With an empty <paramref name="registryRoot"/> (unknown)
    /// nothing is checked.
    /// </summary>
    /// <param name="documents">The parsed registry files.</param>
    /// <param name="registryRoot">The registry root (the project directory).</param>
    /// <param name="allowed">Further directories whose files the registry may name (full paths, see <see cref="ParseAllowed"/>).</param>
    public static Result Check(IReadOnlyList<RegistryDocument> documents, string registryRoot, IReadOnlyList<string> allowed)
    {
        var diagnostics = new List<WippyDiagnostic>();
        var refused = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(registryRoot)) return new Result(diagnostics, refused);

        var root = Path.GetFullPath(registryRoot);
        var fsById = new Dictionary<string, FsDirectoryEntry>(StringComparer.Ordinal);
        foreach (var entry in documents.SelectMany(d => d.Entries))
        {
            if (entry is FsDirectoryEntry fs && !fsById.ContainsKey(fs.Id)) fsById.Add(fs.Id, fs);
        }

        foreach (var entry in documents.SelectMany(d => d.Entries))
        {
            var before = diagnostics.Count;
            switch (entry)
            {
                case FunctionEntry f:
                    CheckText(f, "source", f.Source, root, allowed, diagnostics);
                    CheckText(f, "wit", f.Wit, root, allowed, diagnostics);
                    CheckModulePath(f, fsById, diagnostics);
                    break;
                case LuaFunctionEntry lua:
                    CheckText(lua, "source", lua.Source, root, allowed, diagnostics);
                    CheckText(lua, "wit", lua.Wit, root, allowed, diagnostics);
                    break;
                case FsDirectoryEntry fs when fs.ResolvedDirectory is { } directory && !IsAllowed(directory, root, allowed):
                    diagnostics.Add(Outside(fs, "directory", fs.Directory ?? directory, root, fs.PositionOf("directory"),
                        "write a path inside it, relative to this file, e.g. \"directory: ./assets\" (copy the files into the project)"));
                    break;
            }

            if (diagnostics.Count > before) refused.Add(entry.Id);
        }

        return new Result(diagnostics, refused);
    }

    /// <summary>True when <paramref name="fullPath"/> is <paramref name="root"/> or an allowed directory, or lies under one.</summary>
    /// <param name="fullPath">A full path.</param>
    /// <param name="root">The registry root (full path).</param>
    /// <param name="allowed">Further allowed directories (full paths).</param>
    public static bool IsAllowed(string fullPath, string root, IReadOnlyList<string> allowed)
    {
        if (IsUnder(fullPath, root)) return true;
        foreach (var directory in allowed)
        {
            if (IsUnder(fullPath, directory)) return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or lies under it (both full paths).</summary>
    public static bool IsUnder(string path, string directory)
    {
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var dir = directory.TrimEnd('/', '\\');
        if (string.Equals(path.TrimEnd('/', '\\'), dir, comparison)) return true;
        return path.Length > dir.Length
            && path.StartsWith(dir, comparison)
            && (path[dir.Length] == '/' || path[dir.Length] == '\\');
    }

    private static void CheckText(RegistryEntry entry, string field, RegistryText? text, string root, IReadOnlyList<string> allowed, List<WippyDiagnostic> diagnostics)
    {
        if (text is { IsFileReference: true, ResolvedPath: { } resolved } && !IsAllowed(resolved, root, allowed))
        {
            var example = field == "wit" ? "module.wit" : entry is LuaFunctionEntry ? "handler.lua" : "module.wat";
            diagnostics.Add(Outside(entry, field, RegistryText.FilePrefix + text.FileReference, root, text.Position,
                $"write a path inside it, relative to this file, e.g. \"{field}: file://{example}\" (copy the file into the project)"));
        }
    }

    /// <summary>A function's <c>path</c> is inside its fs directory: <c>..</c> must not climb out of it.</summary>
    private static void CheckModulePath(FunctionEntry f, Dictionary<string, FsDirectoryEntry> fsById, List<WippyDiagnostic> diagnostics)
    {
        if (f.Fs is null || f.Path is null || !fsById.TryGetValue(f.Fs.Id, out var fs) || fs.ResolvedDirectory is not { } directory) return;
        string file;
        try
        {
            file = Path.GetFullPath(Path.Combine(directory, f.Path.TrimStart('/', '\\')));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return; // not a path: the build step reports the file as missing
        }

        if (!IsUnder(file, directory))
        {
            diagnostics.Add(new WippyDiagnostic(
                SafetyDiagnosticIds.PathOutsideRoot,
                $"entry '{f.Id}' ({f.Kind}): 'path' is '{f.Path}', which leaves the directory of '{fs.Id}' ({fs.Directory}); write the file's path inside that directory, e.g. \"path: /module.wasm\"",
                f.PositionOf("path")));
        }
    }

    private static WippyDiagnostic Outside(RegistryEntry entry, string field, string written, string root, SourcePosition position, string instead) =>
        new(
            SafetyDiagnosticIds.PathOutsideRoot,
            $"entry '{entry.Id}' ({entry.Kind}): '{field}' is '{written}', which is outside the project directory {root.TrimEnd('/', '\\')}; {instead}, or list the directory in the WippyAllowedPaths property of the project",
            position);
}
