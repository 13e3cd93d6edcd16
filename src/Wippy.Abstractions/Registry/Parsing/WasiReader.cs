using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>
/// Reads a function's <c>wasi</c> block (docs/registry.md#wasi) and checks what one file can: absolute <c>cwd</c> and guest
/// paths, unique mount paths, valid and unique variable names, host patterns (<see cref="OutboundHostsReader"/>).
/// Whether references resolve is the validator's job.
/// </summary>
internal static class WasiReader
{
    private static readonly string[] Known = { "args", "cwd", "env", "mounts", "allowed_outbound_hosts" };
    private static readonly string[] KnownEnv = { "id", "name", "required" };
    private static readonly string[] KnownMount = { "fs", "guest", "read_only" };

    public static WasiConfig Read(FieldReader entry)
    {
        var wasi = entry.Map("wasi", "\"wasi: { cwd: /app }\"");
        if (wasi is null)
        {
            return WasiConfig.Empty;
        }

        wasi.ReportUnknown(Known, "a wasi block");
        var args = ReadArgs(wasi);
        var cwd = wasi.String("cwd", "\"cwd: /app\"");
        if (cwd is not null && !IsAbsolute(cwd))
        {
            RelativePath(wasi, "cwd", cwd, wasi.PositionOf("cwd"));
            cwd = null;
        }

        return new WasiConfig(args, cwd, cwd is null ? null : wasi.PositionOf("cwd"), ReadEnv(wasi), ReadMounts(wasi), wasi.Position)
        {
            AllowedOutboundHosts = OutboundHostsReader.Read(wasi),
            AllowedOutboundHostsPosition = wasi.Find(OutboundHostsReader.Key) is { } field ? wasi.Context.PositionOf(field.KeyNode) : null,
        };
    }

    private static IReadOnlyList<string> ReadArgs(FieldReader wasi)
    {
        var list = wasi.List("args", "\"args: [--verbose]\"");
        var args = new List<string>();
        if (list is null)
        {
            return args;
        }

        foreach (var (text, _, _) in wasi.TextItems(list, "args", "\"- --verbose\""))
        {
            args.Add(text);
        }

        return args;
    }

    private static IReadOnlyList<WasiEnvBinding> ReadEnv(FieldReader wasi)
    {
        var result = new List<WasiEnvBinding>();
        var index = 0;
        foreach (var item in Items(wasi, "env", "\"env: [{ id: api_key, name: API_KEY }]\""))
        {
            var path = $"wasi.env[{index++}]";
            var binding = FieldReader.Create(wasi.Context, item, wasi.Owner, path, path + ".", "\"- { id: api_key, name: API_KEY, required: true }\"");
            if (binding is null)
            {
                continue;
            }

            binding.ReportUnknown(KnownEnv, "a wasi.env item");
            var reference = ReferenceReader.Read(binding, "id", "\"id: myns:api_key\" (an env.variable entry)");
            var name = binding.String("name", "\"name: API_KEY\" (the variable's name in the guest)", required: true);
            var required = binding.Boolean("required", "\"required: true\"") ?? false;
            if (reference is null || name is null)
            {
                continue;
            }

            var namePosition = binding.PositionOf("name");
            if (!IsVariableName(name))
            {
                wasi.Context.Report(
                    RegistryDiagnosticIds.InvalidEnvName,
                    $"{wasi.Owner}: '{binding.PathOf("name")}' is not a valid variable name ('{name}'); use letters, digits and _, not starting with a digit, e.g. API_KEY",
                    namePosition);
                continue;
            }

            if (FindEnv(result, name) is { } first)
            {
                wasi.Context.Report(
                    RegistryDiagnosticIds.InvalidEnvName,
                    $"{wasi.Owner}: variable '{name}' is already mapped at line {first.NamePosition.Line}; give each wasi.env item its own name",
                    namePosition);
                continue;
            }

            result.Add(new WasiEnvBinding(reference, name, required, binding.Position, namePosition));
        }

        return result;
    }

    private static IReadOnlyList<WasiMount> ReadMounts(FieldReader wasi)
    {
        var result = new List<WasiMount>();
        var index = 0;
        foreach (var item in Items(wasi, "mounts", "\"mounts: [{ fs: data_files, guest: /data }]\""))
        {
            var path = $"wasi.mounts[{index++}]";
            var mount = FieldReader.Create(wasi.Context, item, wasi.Owner, path, path + ".", "\"- { fs: data_files, guest: /data, read_only: true }\"");
            if (mount is null)
            {
                continue;
            }

            mount.ReportUnknown(KnownMount, "a wasi.mounts item");
            var fs = ReferenceReader.Read(mount, "fs", "\"fs: myns:data_files\" (an fs.directory entry)");
            var guest = mount.String("guest", "\"guest: /data\" (an absolute path in the guest)", required: true);
            var readOnly = mount.Boolean("read_only", "\"read_only: true\"") ?? false;
            if (fs is null || guest is null)
            {
                continue;
            }

            var guestPosition = mount.PositionOf("guest");
            if (!IsAbsolute(guest))
            {
                RelativePath(mount, "guest", guest, guestPosition);
                continue;
            }

            if (FindMount(result, guest) is { } first)
            {
                wasi.Context.Report(
                    RegistryDiagnosticIds.DuplicateMountPath,
                    $"{wasi.Owner}: guest path '{guest}' is already mounted at line {first.GuestPosition.Line}; mount paths must be unique, choose another path",
                    guestPosition);
                continue;
            }

            result.Add(new WasiMount(fs, guest, readOnly, mount.Position, guestPosition));
        }

        return result;
    }

    private static IEnumerable<YamlNode> Items(FieldReader wasi, string key, string hint) =>
        wasi.List(key, hint)?.Children ?? (IEnumerable<YamlNode>)Array.Empty<YamlNode>();

    private static void RelativePath(FieldReader reader, string key, string value, Wippy.Diagnostics.SourcePosition position) =>
        reader.Context.Report(
            RegistryDiagnosticIds.RelativeGuestPath,
            $"{reader.Owner}: '{reader.PathOf(key)}' must be an absolute guest path, got '{value}'; write e.g. \"{key}: /{value.TrimStart('.', '/')}\"",
            position);

    private static bool IsAbsolute(string path) => path.StartsWith("/", StringComparison.Ordinal);

    /// <summary>The guest path without trailing slashes, for comparing mounts (<c>/data/</c> is <c>/data</c>).</summary>
    private static string Normalize(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }

    private static bool IsVariableName(string name)
    {
        if (name.Length == 0 || (name[0] >= '0' && name[0] <= '9'))
        {
            return false;
        }

        foreach (var c in name)
        {
            var ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static WasiEnvBinding? FindEnv(List<WasiEnvBinding> bindings, string name)
    {
        foreach (var binding in bindings)
        {
            if (string.Equals(binding.Name, name, StringComparison.Ordinal))
            {
                return binding;
            }
        }

        return null;
    }

    private static WasiMount? FindMount(List<WasiMount> mounts, string guest)
    {
        foreach (var mount in mounts)
        {
            if (string.Equals(Normalize(mount.Guest), Normalize(guest), StringComparison.Ordinal))
            {
                return mount;
            }
        }

        return null;
    }
}
