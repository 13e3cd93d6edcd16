using System.Collections.Concurrent;
using Wippy.Host.Registry;

namespace Wippy.Host.Env;

/// <summary>
/// The values of an app's <c>env.variable</c> entries, looked up in their storages each time they are asked for
/// (so a changed <c>.env</c> file or process variable is seen by the next call). <c>env.storage.os</c> reads the
/// process environment; <c>.static</c> the registry's values; <c>.file</c> a <c>.env</c> file (<c>NAME=value</c>
/// lines, <c>#</c> comments, optional <c>export</c>, single or double quotes); <c>.router</c> asks its storages in
/// order; <c>.memory</c> keeps what was set while the app runs. Thread-safe.
/// </summary>
public sealed class EnvValues
{
    private const int MaxRouterDepth = 16;
    private readonly RegistryManifest _manifest;
    private readonly string _registryRoot;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _memory = new(StringComparer.Ordinal);
    private readonly object _fileGate = new();

    internal EnvValues(RegistryManifest manifest, string registryRoot)
    {
        _manifest = manifest;
        _registryRoot = registryRoot;
    }

    /// <summary>The value of the <c>env.variable</c> entry <paramref name="variableId"/>, its default, or null when neither exists.</summary>
    /// <exception cref="WippyException">NotFound when no env.variable entry has that id.</exception>
    public string? Get(string variableId)
    {
        var variable = Variable(variableId);
        var value = variable.Storage is null ? Environment.GetEnvironmentVariable(variable.Variable) : Lookup(variable.Storage, variable.Variable, 0);
        return value ?? variable.Default;
    }

    /// <summary>Sets the variable in its storage (<c>.memory</c>, <c>.file</c>, <c>.os</c> for this process, or the first of a router's that can hold it).</summary>
    /// <exception cref="WippyException">NotFound for an unknown id; PermissionDenied for a <c>readonly</c> variable; Invalid when its storage cannot be written (<c>.static</c>).</exception>
    public void Set(string variableId, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var variable = Variable(variableId);
        if (variable.ReadOnly) throw new WippyException(ErrorKind.PermissionDenied, variableId, "the variable is readonly");
        if (variable.Storage is null)
        {
            Environment.SetEnvironmentVariable(variable.Variable, value);
            return;
        }
        if (!Store(variable.Storage, variable.Variable, value, 0))
        {
            throw new WippyException(ErrorKind.Invalid, variableId, $"its storage '{variable.Storage}' cannot be written (env.storage.static holds what the registry says)");
        }
    }

    private EnvVariableDescriptor Variable(string id) =>
        _manifest.Find(id) as EnvVariableDescriptor ?? throw new WippyException(ErrorKind.NotFound, id, "no env.variable entry has this id");

    private EnvStorageDescriptor Storage(string id) =>
        _manifest.Find(id) as EnvStorageDescriptor ?? throw new WippyException(ErrorKind.NotFound, id, "no env.storage entry has this id");

    private string? Lookup(string storageId, string name, int depth)
    {
        if (depth > MaxRouterDepth) throw new WippyException(ErrorKind.Invalid, storageId, "env.storage.router storages refer to each other in a cycle");
        var storage = Storage(storageId);
        switch (storage.Kind)
        {
            case "env.storage.os":
                return Environment.GetEnvironmentVariable(name);
            case "env.storage.static":
                return storage.Values.TryGetValue(name, out var fixedValue) ? fixedValue : null;
            case "env.storage.memory":
                return _memory.TryGetValue(storage.Id, out var values) && values.TryGetValue(name, out var held) ? held : null;
            case "env.storage.file":
                return ReadFile(storage).TryGetValue(name, out var fromFile) ? fromFile : null;
            case "env.storage.router":
                foreach (var next in storage.Storages)
                {
                    if (Lookup(next, name, depth + 1) is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    private bool Store(string storageId, string name, string value, int depth)
    {
        if (depth > MaxRouterDepth) return false;
        var storage = Storage(storageId);
        switch (storage.Kind)
        {
            case "env.storage.os":
                Environment.SetEnvironmentVariable(name, value);
                return true;
            case "env.storage.memory":
                _memory.GetOrAdd(storage.Id, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal))[name] = value;
                return true;
            case "env.storage.file":
                WriteFile(storage, name, value);
                return true;
            case "env.storage.router":
                foreach (var next in storage.Storages)
                {
                    if (Store(next, name, value, depth + 1)) return true;
                }
                return false;
            default:
                return false;
        }
    }

    private string FilePath(EnvStorageDescriptor storage) => Path.GetFullPath(Path.Combine(_registryRoot, storage.File ?? ".env"));

    private Dictionary<string, string> ReadFile(EnvStorageDescriptor storage)
    {
        var path = FilePath(storage);
        lock (_fileGate)
        {
            if (!File.Exists(path))
            {
                if (storage.AutoCreate)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, "");
                }
                return new Dictionary<string, string>(StringComparer.Ordinal);
            }
            byte[] bytes;
            try
            {
                bytes = Loading.RegularFile.ReadAllBytes(path); // a FIFO there must not block the caller for ever
            }
            catch (Loading.NotRegularFileException e)
            {
                throw new WippyException(ErrorKind.Unavailable, storage.Id, $"the file of this storage ({path}) is not a regular file but {e.Type}", e);
            }
            using var reader = new StreamReader(new MemoryStream(bytes)); // as File.ReadAllText: UTF-8 unless a BOM says otherwise
            return DotEnv.Parse(reader.ReadToEnd());
        }
    }

    private void WriteFile(EnvStorageDescriptor storage, string name, string value)
    {
        var path = FilePath(storage);
        lock (_fileGate)
        {
            var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : [];
            var line = $"{name}={DotEnv.Quote(value)}";
            var index = lines.FindIndex(l => DotEnv.NameOf(l) == name);
            if (index >= 0) lines[index] = line;
            else lines.Add(line);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllLines(path, lines);
        }
    }
}

/// <summary>The <c>.env</c> format: <c>NAME=value</c> per line, <c>#</c> comments, optional <c>export</c>, quotes.</summary>
internal static class DotEnv
{
    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            if (NameOf(raw) is not { } name) continue;
            var line = raw.TrimEnd('\r').Trim();
            var value = line.Substring(line.IndexOf('=') + 1).Trim();
            if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
            {
                var quote = value[0];
                value = value[1..^1];
                if (quote == '"') value = Unescape(value);
            }
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var comment and >= 0)
            {
                value = value[..comment].TrimEnd();
            }
            values[name] = value;
        }
        return values;
    }

    /// <summary>Double-quoted escapes: <c>\n</c>, <c>\"</c>, <c>\\</c> (others are kept as written).</summary>
    private static string Unescape(string value)
    {
        if (value.IndexOf('\\') < 0) return value;
        var sb = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                switch (next)
                {
                    case 'n': sb.Append('\n'); break;
                    case '"' or '\\': sb.Append(next); break;
                    default: sb.Append('\\').Append(next); break;
                }
            }
            else
            {
                sb.Append(value[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>The variable a line sets, or null for blank lines, comments and lines without <c>=</c>.</summary>
    public static string? NameOf(string raw)
    {
        var line = raw.TrimEnd('\r').Trim();
        if (line.Length == 0 || line[0] == '#') return null;
        if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
        var eq = line.IndexOf('=');
        if (eq <= 0) return null;
        var name = line[..eq].Trim();
        return name.Length == 0 ? null : name;
    }

    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
