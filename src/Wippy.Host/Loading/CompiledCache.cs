using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Loading;

/// <summary>
/// Compiled modules and components on disk, so a restart does not recompile: one file per binary, named by the
/// binary's SHA-256 and a fingerprint of everything that makes compiled code differ (Wasmtime version, engine
/// settings, CPU architecture). Each file starts with the SHA-256 of the rest, checked before Wasmtime reads it
/// (Wasmtime trusts serialized code), and Wasmtime checks that it fits the engine. A missing, damaged or stale
/// file only costs a compile, after which the file is written again (atomically: temporary file, then rename). A file
/// that cannot be written (read-only directory, full disk) leaves nothing behind, not even its temporary file; a FIFO
/// or a directory in a cache file's place is never read (<see cref="RegularFile"/>), so it neither makes a load wait
/// nor fails it. Temporary files of writers that died are removed (<see cref="CacheLeftovers"/>).
/// In memory, one compiled module or component per binary serves every entry naming it: the first load compiles (or
/// reads the file), the others get another handle to the same code (<see cref="Shared"/>), until the cache is disposed.
/// </summary>
internal sealed class CompiledCache : IDisposable
{
    private const string WasmtimeVersion = "50.0.1";

    /// <summary>The resource name prefix of code the build compiled ahead of time (<c>wippy.compiled/&lt;file name&gt;</c>).</summary>
    public const string PrecompiledPrefix = "wippy.compiled/";

    private readonly string? _directory;
    private readonly string _engineKey;
    private readonly System.Reflection.Assembly? _precompiled;
    private readonly Microsoft.Extensions.Logging.ILogger? _logger;
    private int _leftoversRemoved;

    /// <summary>
    /// A cache in <paramref name="directory"/> (null: no files) that first looks for code the build compiled ahead of time
    /// into <paramref name="precompiled"/> (the app assembly; null: none), logging to <paramref name="logger"/> why such
    /// code was not used.
    /// </summary>
    public CompiledCache(string? directory, WasmEngineOptions engine, System.Reflection.Assembly? precompiled = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        _directory = directory;
        _precompiled = precompiled;
        _logger = logger;
        var settings = $"wasmtime {WasmtimeVersion}; epochs {engine.EpochInterruption}; fuel {engine.ConsumeFuel}; stack {engine.MaxWasmStack}; pooling {engine.PoolingAllocator}; {RuntimeInformation.ProcessArchitecture}";
        _engineKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..16];
    }

    /// <summary>The file name of <paramref name="wasm"/>'s compiled code for this engine (<c>&lt;sha256&gt;-&lt;kind&gt;-&lt;engine key&gt;.cwasm</c>).</summary>
    public string FileName(byte[] wasm, string kind) => $"{Convert.ToHexStringLower(SHA256.HashData(wasm))}-{kind}-{_engineKey}.cwasm";


    /// <summary>The default directory: <c>$XDG_CACHE_HOME/wippy/compiled</c>, else <c>~/.cache/wippy/compiled</c> (the local app data folder elsewhere).</summary>
    public static string DefaultDirectory() => Path.Combine(UserCache.Root, "wippy", "compiled");

    /// <summary>What the last load beyond memory did, for logs and tests: "hit", "miss", or why a file was not used (code shared in memory leaves it as it was: <see cref="Shares"/>).</summary>
    public string LastOutcome { get; private set; } = "";

    public WasmModule Module(WasmEngine engine, byte[] wasm, Func<WasmModule> compile) =>
        Shared(FileName(wasm, "module"), m => m.Clone(), () => Get(wasm, "module", bytes => WasmModule.Deserialize(engine, bytes), compile, m => m.Serialize()));

    public WasmComponent Component(WasmEngine engine, byte[] wasm, Func<WasmComponent> compile) =>
        Shared(FileName(wasm, "component"), c => c.Clone(), () => Get(wasm, "component", bytes => WasmComponent.Deserialize(engine, bytes), compile, c => c.Serialize()));

    private int _compiles;
    private int _shares;

    /// <summary>How many loads got code another entry had loaded (in memory).</summary>
    public int Shares => Volatile.Read(ref _shares);

    /// <summary>How many binaries this cache had compiled (rather than found compiled): for the build step's tests and logs.</summary>
    public int Compiles => Volatile.Read(ref _compiles);

    private readonly Dictionary<string, IDisposable> _shared = new(StringComparer.Ordinal); // the compiled code by file name
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _loading = new(StringComparer.Ordinal); // one load per name at a time
    private bool _disposed;

    /// <summary>
    /// The compiled code of file <paramref name="name"/>, loaded once (by <paramref name="load"/>) for every caller: each
    /// gets its own handle (<paramref name="clone"/>) to dispose, the code itself staying until this cache is disposed.
    /// Entries loading different binaries at once do not wait for each other.
    /// </summary>
    private T Shared<T>(string name, Func<T, T> clone, Func<T> load)
        where T : class, IDisposable
    {
        lock (_loading.GetOrAdd(name, _ => new object()))
        {
            lock (_shared)
            {
                if (_disposed) return load(); // (a load racing the runtime's disposal: its own code, shared with nobody)
                if (_shared.TryGetValue(name, out var held))
                {
                    Interlocked.Increment(ref _shares);
                    return clone((T)held);
                }
            }
            var loaded = load();
            lock (_shared)
            {
                if (_disposed) return loaded; // (disposed meanwhile: the caller owns the only handle)
                _shared[name] = loaded;
            }
            return clone(loaded);
        }
    }

    /// <summary>Releases the compiled code held for sharing (entries keep the handles they got).</summary>
    public void Dispose()
    {
        lock (_shared)
        {
            _disposed = true;
            foreach (var held in _shared.Values) held.Dispose();
            _shared.Clear();
        }
    }

    private T Get<T>(byte[] wasm, string kind, Func<byte[], T> deserialize, Func<T> compile, Func<T, byte[]> serialize)
        where T : class, IDisposable
    {
        var name = FileName(wasm, kind);
        if (TryPrecompiled(name, kind, deserialize) is { } ahead) return ahead;
        var path = _directory is null ? null : Path.Combine(_directory, name);
        if (path is not null && TryRead(path) is { } payload)
        {
            try
            {
                var loaded = deserialize(payload);
                LastOutcome = "hit";
                return loaded;
            }
            catch (WasmtimeException e)
            {
                LastOutcome = "stale: " + e.Message.Split('\n')[0];
            }
        }
        var compiled = compile();
        Interlocked.Increment(ref _compiles);
        if (path is not null)
        {
            if (Interlocked.Exchange(ref _leftoversRemoved, 1) == 0) CacheLeftovers.RemoveDead(_directory!);
            TryWrite(path, serialize, compiled);
        }
        return compiled;
    }

    /// <summary>
    /// The code the build compiled ahead of time for this engine, or null (then the caller compiles). Code compiled for
    /// another engine (other settings, another Wasmtime) is refused by name or by Wasmtime, and the reason is logged.
    /// </summary>
    private T? TryPrecompiled<T>(string name, string kind, Func<byte[], T> deserialize)
        where T : class
    {
        if (_precompiled is null) return null;
        using var stream = _precompiled.GetManifestResourceStream(PrecompiledPrefix + name);
        if (stream is null)
        {
            var hash = name[..name.IndexOf('-')];
            if (_precompiled.GetManifestResourceNames().Any(n => n.StartsWith(PrecompiledPrefix + hash + "-" + kind + "-", StringComparison.Ordinal)))
            {
                LastOutcome = "precompiled for other engine settings";
                if (_logger is not null) Observability.WippyLog.PrecompiledNotUsed(_logger, hash, "it was compiled for other engine settings (pooling allocator, fuel, stack size or CPU)");
            }
            return null;
        }
        var file = new byte[stream.Length];
        stream.ReadExactly(file);
        if (file.Length <= 32 || !SHA256.HashData(file.AsSpan(32)).AsSpan().SequenceEqual(file.AsSpan(0, 32)))
        {
            LastOutcome = "precompiled damaged";
            if (_logger is not null) Observability.WippyLog.PrecompiledNotUsed(_logger, name, "its checksum does not match");
            return null;
        }
        try
        {
            var loaded = deserialize(file[32..]);
            LastOutcome = "precompiled";
            return loaded;
        }
        catch (WasmtimeException e)
        {
            LastOutcome = "precompiled stale: " + e.Message.Split('\n')[0];
            if (_logger is not null) Observability.WippyLog.PrecompiledNotUsed(_logger, name, "Wasmtime refused it: " + e.Message.Split('\n')[0]);
            return null;
        }
    }

    /// <summary>Compiles nothing: writes <paramref name="compiled"/>'s code as the file the runtime will look for (the build's ahead-of-time step).</summary>
    public static void Write<T>(string path, Func<T, byte[]> serialize, T compiled) => TryWrite(path, serialize, compiled);

    private byte[]? TryRead(string path)
    {
        byte[] file;
        try
        {
            file = RegularFile.ReadAllBytes(path);
        }
        catch (NotRegularFileException)
        {
            // A directory, or a FIFO (a plain read would wait forever for a writer): compiled again, and the write
            // replaces it when it can (a FIFO, not a directory).
            LastOutcome = "not a regular file";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LastOutcome = "miss";
            return null;
        }
        if (file.Length <= 32 || !SHA256.HashData(file.AsSpan(32)).AsSpan().SequenceEqual(file.AsSpan(0, 32)))
        {
            LastOutcome = "damaged";
            return null;
        }
        return file[32..];
    }

    private static void TryWrite<T>(string path, Func<T, byte[]> serialize, T compiled)
    {
        string? temporary = null;
        try
        {
            var payload = serialize(compiled);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            temporary = CacheLeftovers.TemporaryName(path);
            using (var stream = File.Create(temporary))
            {
                stream.Write(SHA256.HashData(payload));
                stream.Write(payload);
            }
            File.Move(temporary, path, overwrite: true);
            temporary = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or WasmtimeException)
        {
            // A cache that cannot be written (read-only, a full disk, a directory where the file goes) only means the
            // next start compiles again.
        }
        finally
        {
            // Whatever stopped the write (the disk filled midway, the rename was refused), its temporary file goes too:
            // the directory holds only whole cache files.
            if (temporary is not null) CacheLeftovers.TryDelete(temporary);
        }
    }
}
