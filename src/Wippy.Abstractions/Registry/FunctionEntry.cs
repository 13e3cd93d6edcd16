namespace Wippy.Registry;

/// <summary>
/// A WASM function: <c>function.wat</c> (module from <see cref="Source"/>), <c>function.wasm</c> (module read from
/// <see cref="Fs"/> at <see cref="Path"/>, checked against <see cref="Hash"/>), or <c>process.wasm</c> (parsed the
/// same way as function.wasm; its <c>pool</c> is accepted and ignored by the runtime, and <see cref="Command"/>
/// holds <c>meta.command</c>).
/// </summary>
public sealed class FunctionEntry : RegistryEntry
{
    /// <summary><c>source</c> of a <c>function.wat</c>: inline WAT or <c>file://</c>; <see langword="null"/> for the binary kinds.</summary>
    public RegistryText? Source { get; init; }

    /// <summary><c>fs</c>: the filesystem entry holding the binary; <see langword="null"/> for <c>function.wat</c>.</summary>
    public EntryRef? Fs { get; init; }

    /// <summary><c>path</c>: the binary's path within <see cref="Fs"/>; <see langword="null"/> for <c>function.wat</c>.</summary>
    public string? Path { get; init; }

    /// <summary><c>hash</c>: the binary's expected SHA-256; <see langword="null"/> for <c>function.wat</c> or when invalid.</summary>
    public ContentHash? Hash { get; init; }

    /// <summary>
    /// <c>method</c>: the export to call (<c>name</c>, <c>iface#func</c>, or <c>ns:pkg/iface@1.0.0#func</c>);
    /// <see cref="HttpHandlerExport.Method"/> for a <c>function.wasm</c> with <c>transport: wasi-http</c> that names
    /// none; <see langword="null"/> only when missing (an error was reported).
    /// </summary>
    public string? Method { get; init; }

    /// <summary>
    /// Whether <see cref="Method"/> is a default, not written (a process's <c>main</c>, a handler's
    /// <c>wasi:http/incoming-handler#handle</c>): the build may then find another standard export
    /// (<see cref="ProcessDefaults.CliRunMethod"/>).
    /// </summary>
    public bool MethodIsDefault { get; init; }

    /// <summary><c>wit</c>: the signature of a core module's export, or <c>file://</c> WIT files; <see langword="null"/> when absent.</summary>
    public RegistryText? Wit { get; init; }

    /// <summary>The effective pool (<see cref="PoolConfig.Default"/> when there is no <c>pool</c> block).</summary>
    public PoolConfig Pool { get; init; } = PoolConfig.Default;

    /// <summary><c>transport</c> (default <see cref="FunctionTransport.Payload"/>).</summary>
    public FunctionTransport Transport { get; init; }

    /// <summary><c>call_path</c> (default <see cref="ComponentCallPath.Auto"/>); only a component's entry may write it.</summary>
    public ComponentCallPath CallPath { get; init; }

    /// <summary><c>imports</c>: the host interfaces this entry may use, in file order, without duplicates.</summary>
    public IReadOnlyList<RegistryImport> Imports { get; init; } = Array.Empty<RegistryImport>();

    /// <summary><c>wasi</c> (<see cref="WasiConfig.Empty"/> when absent).</summary>
    public WasiConfig Wasi { get; init; } = WasiConfig.Empty;

    /// <summary><c>limits</c> (<see cref="LimitsConfig.None"/> when absent).</summary>
    public LimitsConfig Limits { get; init; } = LimitsConfig.None;

    /// <summary><c>meta.command</c> of a <c>process.wasm</c>, or <see langword="null"/>.</summary>
    public ProcessCommand? Command { get; init; }

    /// <summary><c>meta.options.mailbox</c> of a <c>process.wasm</c>, or <see langword="null"/> for the defaults.</summary>
    public ProcessMailboxConfig? Mailbox { get; init; }

    /// <summary>Whether the module comes from inline or <c>file://</c> WAT (<c>function.wat</c>).</summary>
    public bool IsWat => string.Equals(Kind, RegistryKinds.FunctionWat, StringComparison.Ordinal);

    /// <summary>Whether this is a <c>process.wasm</c> entry.</summary>
    public bool IsProcess => string.Equals(Kind, RegistryKinds.ProcessWasm, StringComparison.Ordinal);
}
