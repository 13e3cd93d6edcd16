namespace Wippy.Registry;

/// <summary>Reads the fields of <c>function.wat</c>, <c>function.wasm</c> and <c>process.wasm</c> entries (docs/registry.md#function-fields).</summary>
internal static class FunctionEntryReader
{
    private static readonly string[] KnownWat =
        { "name", "kind", "meta", "source", "method", "wit", "pool", "transport", "imports", "wasi", "limits" };

    private static readonly string[] KnownWasm =
        { "name", "kind", "meta", "fs", "path", "hash", "method", "wit", "pool", "transport", "call_path", "imports", "wasi", "limits" };

    private const string HashHint = "\"hash: sha256:<64 hex digits>\" (the SHA-256 of the file)";

    public static FunctionEntry Read(FieldReader entry, EntryHeader header)
    {
        var isWat = string.Equals(header.Kind, RegistryKinds.FunctionWat, StringComparison.Ordinal);
        entry.ReportUnknown(isWat ? KnownWat : KnownWasm, header.Kind);

        RegistryText? source = null;
        EntryRef? fs = null;
        string? path = null;
        ContentHash? hash = null;
        if (isWat)
        {
            source = RegistryTextReader.Read(entry, "source", "\"source: file://module.wat\" or an inline \"source: |\" block of WAT", required: true);
        }
        else
        {
            fs = ReferenceReader.Read(entry, "fs", "\"fs: assets\" (the fs.directory entry holding the binary)");
            path = entry.String("path", "\"path: /module.wasm\" (the binary's path within the fs entry)", required: true);
            hash = ReadHash(entry);
        }

        var transport = ReadTransport(entry);
        // A function.wasm served over HTTP without a method is a standard wasi:http/incoming-handler component.
        var servesHandler = !isWat && transport == FunctionTransport.WasiHttp && entry.Find("method") is null
            && string.Equals(header.Kind, RegistryKinds.FunctionWasm, StringComparison.Ordinal);
        var isProcess = string.Equals(header.Kind, RegistryKinds.ProcessWasm, StringComparison.Ordinal);
        var method = servesHandler ? HttpHandlerExport.Method
            : isProcess && entry.Find("method") is null ? ProcessDefaults.Method
            : ReadMethod(entry);
        if (isProcess) CheckProcessFields(entry, header.Command);
        var wit = RegistryTextReader.Read(entry, "wit", "\"wit: file://module.wit\" or a \"wit: |\" block such as answer: func() -> s32;", required: false);
        var pool = PoolReader.Read(entry);
        var imports = ImportsReader.Read(entry);
        var wasi = WasiReader.Read(entry);
        CheckOutboundHostsGrant(entry, imports, wasi);
        return new FunctionEntry
        {
            Source = source,
            Fs = fs,
            Path = path,
            Hash = hash,
            Method = method,
            MethodIsDefault = servesHandler || (isProcess && entry.Find("method") is null),
            Wit = wit,
            Pool = pool,
            Transport = transport,
            CallPath = isWat ? ComponentCallPath.Auto : ReadCallPath(entry),
            Imports = imports,
            Wasi = wasi,
            Limits = LimitsReader.Read(entry),
            Command = header.Command,
            Mailbox = isProcess ? MailboxReader.Read(header.MetaFields) : null,
        };
    }

    /// <summary>Warns when <c>wasi.allowed_outbound_hosts</c> is written but <c>imports</c> does not grant wasi:http: it has no effect.</summary>
    private static void CheckOutboundHostsGrant(FieldReader entry, IReadOnlyList<RegistryImport> imports, WasiConfig wasi)
    {
        if (wasi.AllowedOutboundHostsPosition is not { } position) return;
        foreach (var import in imports)
        {
            if (string.Equals(import.Name, "wasi:http", StringComparison.Ordinal)) return;
        }

        entry.Context.Report(
            RegistryDiagnosticIds.OutboundHostsWithoutHttp,
            $"{entry.Owner}: 'wasi.{OutboundHostsReader.Key}' has no effect without 'imports: [wasi:http]': the guest cannot send HTTP requests at all; add \"- wasi:http\" to its imports, or remove '{OutboundHostsReader.Key}'",
            position);
    }

    private static ContentHash? ReadHash(FieldReader entry)
    {
        var raw = entry.String("hash", HashHint, required: true);
        if (raw is null)
        {
            return null;
        }

        var position = entry.PositionOf("hash");
        switch (ContentHash.TryParse(raw, out var algorithm, out var hex))
        {
            case ContentHashError.None:
                return new ContentHash(algorithm, hex, raw, position);
            case ContentHashError.UnsupportedAlgorithm:
                entry.Context.Report(
                    RegistryDiagnosticIds.UnsupportedHashAlgorithm,
                    $"{entry.Owner}: hash algorithm '{algorithm}' is not supported, only sha256 is supported; write {HashHint}",
                    position);
                return null;
            default:
                entry.Context.Report(
                    RegistryDiagnosticIds.InvalidHashFormat,
                    $"{entry.Owner}: 'hash' has an invalid format ('{raw}'); write {HashHint}",
                    position);
                return null;
        }
    }

    /// <summary>
    /// What a <c>process.wasm</c> entry may not have: a <c>pool</c> (a process has its own instance: the block is ignored,
    /// with a warning), or a command named as a word of the command line's own (<c>run list</c>).
    /// </summary>
    private static void CheckProcessFields(FieldReader entry, ProcessCommand? command)
    {
        if (entry.Find("pool") is not null)
        {
            entry.Context.Report(RegistryDiagnosticIds.ProcessPoolIgnored,
                $"{entry.Owner}: 'pool' is ignored on a process.wasm entry: each run of a process gets an instance of its own; remove the block",
                entry.PositionOf("pool"));
        }
        if (command is not null && ProcessDefaults.ReservedCommandNames.Contains(command.Name))
        {
            entry.Context.Report(RegistryDiagnosticIds.InvalidCommandName,
                $"{entry.Owner}: the command name '{command.Name}' is a word of the command line's own ('run {command.Name}' already means something); choose another name",
                command.Position);
        }
    }

    private static string? ReadMethod(FieldReader entry)
    {
        var method = entry.String("method", "\"method: answer\" (the export to call, or iface#func)", required: true);
        if (method is null)
        {
            return null;
        }

        var hash = method.IndexOf('#');
        var malformed = HasWhiteSpace(method) || (hash >= 0 && (hash == 0 || hash == method.Length - 1 || method.IndexOf('#', hash + 1) >= 0));
        if (malformed)
        {
            entry.Context.Report(
                RegistryDiagnosticIds.InvalidMethod,
                $"{entry.Owner}: 'method' is not a valid export name ('{method}'); write an export name such as \"method: compute\", or an interface function as \"method: test-sleep#sleep-ms\"",
                entry.PositionOf("method"));
        }

        return method;
    }

    private static FunctionTransport ReadTransport(FieldReader entry)
    {
        var transport = entry.String("transport", "\"transport: payload\"");
        switch (transport)
        {
            case null or "payload":
                return FunctionTransport.Payload;
            case "wasi-http":
                return FunctionTransport.WasiHttp;
            default:
                entry.Context.Report(
                    RegistryDiagnosticIds.InvalidTransport,
                    $"{entry.Owner}: unknown transport '{transport}'; write \"transport: payload\" (the default) or \"transport: wasi-http\"",
                    entry.PositionOf("transport"));
                return FunctionTransport.Payload;
        }
    }

    private static ComponentCallPath ReadCallPath(FieldReader entry)
    {
        var path = entry.String("call_path", "\"call_path: component-model\"");
        switch (path)
        {
            case null:
                return ComponentCallPath.Auto;
            case "direct":
                return ComponentCallPath.Direct;
            case "component-model":
                return ComponentCallPath.ComponentModel;
            default:
                entry.Context.Report(
                    RegistryDiagnosticIds.InvalidCallPath,
                    $"{entry.Owner}: unknown call_path '{path}'; write \"call_path: direct\" (the component's core modules wired by the host, an error when that cannot be planned) or \"call_path: component-model\" (through Wasmtime's component model), or leave it out (direct when possible)",
                    entry.PositionOf("call_path"));
                return ComponentCallPath.Auto;
        }
    }

    private static bool HasWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }
}
