using System.Runtime.InteropServices;
using System.Text;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>Receives what a guest writes to stdout or stderr, on the thread running the guest.</summary>
internal interface IGuestOutputSink
{
    /// <summary>One write of the guest (any number of bytes, not necessarily whole lines or whole UTF-8 characters).</summary>
    void Write(ReadOnlySpan<byte> bytes);
}

/// <summary>
/// A WASI configuration (<c>wasi_config_t</c>) being built for one store: arguments, variables, output and
/// directories. <see cref="WasmStore.SetWasi"/> hands it to the store; until then it must be disposed.
/// A new configuration has no arguments, no variables, an empty stdin, discarded output and no directories.
/// </summary>
internal sealed unsafe class WasmWasiConfig : IDisposable
{
    private nint _config;

    public WasmWasiConfig()
    {
        _config = WasmtimeApi.wasi_config_new();
        if (_config == 0) throw new WasmtimeException("wasi_config_new returned null.");
    }

    /// <summary>Sets the guest's arguments (as given: no program name is added).</summary>
    public void SetArgs(IReadOnlyList<string> args)
    {
        using var strings = new Utf8Strings(args);
        if (!WasmtimeApi.wasi_config_set_argv(Handle, (nuint)args.Count, strings.Pointers))
            throw new WasmtimeException("wasi_config_set_argv refused the arguments.");
    }

    /// <summary>Sets the guest's variables: only these are visible to it.</summary>
    public void SetEnv(IReadOnlyList<string> names, IReadOnlyList<string> values)
    {
        using var n = new Utf8Strings(names);
        using var v = new Utf8Strings(values);
        if (!WasmtimeApi.wasi_config_set_env(Handle, (nuint)names.Count, n.Pointers, v.Pointers))
            throw new WasmtimeException("wasi_config_set_env refused the variables.");
    }

    /// <summary>Sends the guest's stdout to <paramref name="sink"/>.</summary>
    public void SetStdout(IGuestOutputSink sink) =>
        WasmtimeApi.wasi_config_set_stdout_custom(Handle, &Write, GCHandle.ToIntPtr(GCHandle.Alloc(sink)), &Free);

    /// <summary>Sends the guest's stderr to <paramref name="sink"/>.</summary>
    public void SetStderr(IGuestOutputSink sink) =>
        WasmtimeApi.wasi_config_set_stderr_custom(Handle, &Write, GCHandle.ToIntPtr(GCHandle.Alloc(sink)), &Free);

    /// <summary>Lets the guest's sockets reach the host's network, with name lookups (what granting wasi:sockets means).</summary>
    public void AllowNetwork()
    {
        WasmtimeApi.wasi_config_inherit_network(Handle);
        WasmtimeApi.wasi_config_allow_ip_name_lookup(Handle, true);
    }

    /// <summary>Grants the host directory <paramref name="hostPath"/> to the guest as <paramref name="guestPath"/>.</summary>
    /// <exception cref="WasmtimeException">The directory cannot be opened.</exception>
    public void PreopenDirectory(string hostPath, string guestPath, bool writable)
    {
        var host = Encoding.UTF8.GetBytes(hostPath + "\0");
        var guest = Encoding.UTF8.GetBytes(guestPath + "\0");
        fixed (byte* h = host)
        fixed (byte* g = guest)
        {
            if (!WasmtimeApi.wasi_config_preopen_dir(Handle, h, g, writable))
                throw new WasmtimeException($"the directory '{hostPath}' cannot be opened for the guest");
        }
    }

    /// <summary>Gives up ownership (to <c>wasmtime_context_set_wasi</c>).</summary>
    internal nint Release()
    {
        var config = Interlocked.Exchange(ref _config, 0);
        ObjectDisposedException.ThrowIf(config == 0, this);
        return config;
    }

    private nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_config == 0, this);
            return _config;
        }
    }

    public void Dispose()
    {
        var config = Interlocked.Exchange(ref _config, 0);
        if (config != 0) WasmtimeApi.wasi_config_delete(config);
    }

    [UnmanagedCallersOnly]
    private static nint Write(nint data, byte* bytes, nuint length)
    {
        try
        {
            ((IGuestOutputSink)GCHandle.FromIntPtr(data).Target!).Write(new ReadOnlySpan<byte>(bytes, checked((int)length)));
            return (nint)length;
        }
        catch
        {
            return -5; // EIO: the guest sees a failed write; the host keeps running
        }
    }

    [UnmanagedCallersOnly]
    private static void Free(nint data) => GCHandle.FromIntPtr(data).Free();

    /// <summary>NUL-terminated UTF-8 copies of strings in native memory, and the array of pointers to them.</summary>
    private readonly struct Utf8Strings : IDisposable
    {
        public Utf8Strings(IReadOnlyList<string> strings)
        {
            Pointers = (byte**)NativeMemory.Alloc((nuint)Math.Max(1, strings.Count), (nuint)sizeof(byte*));
            for (var i = 0; i < strings.Count; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(strings[i]);
                var p = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
                bytes.CopyTo(new Span<byte>(p, bytes.Length));
                p[bytes.Length] = 0;
                Pointers[i] = p;
            }
            Count = strings.Count;
        }

        public byte** Pointers { get; }

        private int Count { get; }

        public void Dispose()
        {
            for (var i = 0; i < Count; i++) NativeMemory.Free(Pointers[i]);
            NativeMemory.Free(Pointers);
        }
    }
}
