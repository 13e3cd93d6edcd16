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
/// file only costs a compile, after which the file is written again (atomically: temporary file, then rename).
/// </summary>
internal sealed class CompiledCache
{
    private const string WasmtimeVersion = "50.0.1";
    private readonly string _directory;
    private readonly string _engineKey;

    public CompiledCache(string directory, WasmEngineOptions engine)
    {
        _directory = directory;
        var settings = $"wasmtime {WasmtimeVersion}; epochs {engine.EpochInterruption}; fuel {engine.ConsumeFuel}; stack {engine.MaxWasmStack}; pooling {engine.PoolingAllocator}; {RuntimeInformation.ProcessArchitecture}";
        _engineKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..16];
    }

    /// <summary>The default directory: <c>$XDG_CACHE_HOME/wippy/compiled</c>, else <c>~/.cache/wippy/compiled</c> (the local app data folder elsewhere).</summary>
    public static string DefaultDirectory() => Path.Combine(UserCache.Root, "wippy", "compiled");

    /// <summary>What the last lookup did, for logs and tests: "hit", "miss", or why a file was not used.</summary>
    public string LastOutcome { get; private set; } = "";

    public WasmModule Module(WasmEngine engine, byte[] wasm, Func<WasmModule> compile) =>
        Get(wasm, "module", bytes => WasmModule.Deserialize(engine, bytes), compile, m => m.Serialize());

    public WasmComponent Component(WasmEngine engine, byte[] wasm, Func<WasmComponent> compile) =>
        Get(wasm, "component", bytes => WasmComponent.Deserialize(engine, bytes), compile, c => c.Serialize());

    private T Get<T>(byte[] wasm, string kind, Func<byte[], T> deserialize, Func<T> compile, Func<T, byte[]> serialize)
        where T : class, IDisposable
    {
        var path = Path.Combine(_directory, $"{Convert.ToHexStringLower(SHA256.HashData(wasm))}-{kind}-{_engineKey}.cwasm");
        if (TryRead(path) is { } payload)
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
        TryWrite(path, serialize, compiled);
        return compiled;
    }

    private byte[]? TryRead(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
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
        try
        {
            var payload = serialize(compiled);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + ".tmp";
            using (var stream = File.Create(temporary))
            {
                stream.Write(SHA256.HashData(payload));
                stream.Write(payload);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or WasmtimeException)
        {
            // A cache that cannot be written only means the next start compiles again.
        }
    }
}
