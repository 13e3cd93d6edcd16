using Wippy.Host;
using Wippy.Host.Loading;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;
using Wippy.Registry;

namespace Wippy.Build;

/// <summary>
/// Compiles the modules that travel inside the app (WAT sources, and binaries of fs.embed entries) ahead of time,
/// for the engine settings a runtime uses by default, into files named as the runtime's compiled-code cache names
/// them; the build embeds them (<c>wippy.compiled/&lt;file&gt;</c>) so the app's first call does not wait for the
/// compiler. A runtime with other settings (the pooling allocator…) or another Wasmtime compiles instead and logs why.
/// </summary>
internal static class Precompiler
{
    /// <summary>
    /// Writes the compiled code into <paramref name="directory"/> (emptied first); returns the files written. The code
    /// comes through <paramref name="cache"/> (made for <paramref name="engine"/>, with the runtime's default settings):
    /// compiled once per binary, or not at all when an earlier build compiled it.
    /// </summary>
    public static IReadOnlyList<string> Run(IEnumerable<FunctionEntry> functions, IReadOnlyDictionary<string, FsDirectoryEntry> fsEntries, string directory,
        WasmEngine engine, CompiledCache cache)
    {
        if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true);
        System.IO.Directory.CreateDirectory(directory);
        var written = new SortedSet<string>(StringComparer.Ordinal);
        // Each binary once, however many entries name it (the cache hands back its code, compiled or not yet).
        void Precompile<T>(byte[] wasm, string kind, Func<T> load, Func<T, byte[]> serialize) where T : IDisposable
        {
            var name = cache.FileName(wasm, kind);
            if (written.Contains(Path.Combine(directory, name))) return;
            using var compiled = load();
            written.Add(Write(directory, name, serialize(compiled)));
        }
        void PrecompileModule(byte[] wasm) =>
            Precompile(wasm, "module", () => cache.Module(engine, wasm, () => WasmModule.FromBytes(engine, wasm)), m => m.Serialize());
        foreach (var f in functions)
        {
            if (Bytes(f, fsEntries) is not { } bytes) continue;
            try
            {
                if (WasmBinaryHeader.IsComponent(bytes))
                {
                    Precompile(bytes, "component", () => cache.Component(engine, bytes, () => WasmComponent.FromBytes(engine, bytes)), c => c.Serialize());
                    // The core modules a direct call instantiates: the one it calls, or every one of a planned component.
                    if (f.Method is { } method && f.CallPath != ComponentCallPath.ComponentModel && TryPlan(bytes, method) is { DirectCoreModule: { } core } plan)
                    {
                        foreach (var coreBytes in plan.IsPlanned ? plan.Binary.CoreModules : [core]) PrecompileModule(coreBytes);
                    }
                }
                else
                {
                    PrecompileModule(bytes);
                }
            }
            catch (Exception e) when (e is WasmtimeException or InvalidOperationException)
            {
                // An invalid module is reported by the inspection; the runtime reports it again at load.
            }
        }
        return written.ToList();
    }

    /// <summary>The module's bytes when it travels inside the app: WAT (compiled to binary) or a binary of an fs.embed entry.</summary>
    private static byte[]? Bytes(FunctionEntry f, IReadOnlyDictionary<string, FsDirectoryEntry> fsEntries)
    {
        try
        {
            if (f.IsWat)
            {
                var text = f.Source?.IsFileReference == true ? ReadText(f.Source.ResolvedPath) : f.Source?.Value;
                return text is null ? null : WasmText.ToBinary(text);
            }
            if (f.Fs is null || f.Path is null || !fsEntries.TryGetValue(f.Fs.Id, out var fs) || !fs.IsEmbedded || fs.ResolvedDirectory is null) return null;
            var file = Path.Combine(fs.ResolvedDirectory, f.Path.TrimStart('/', '\\'));
            return File.Exists(file) ? File.ReadAllBytes(file) : null;
        }
        catch (WasmtimeException)
        {
            return null;
        }
    }

    private static string? ReadText(string? path) => path is not null && File.Exists(path) ? File.ReadAllText(path) : null;

    private static ComponentPlan? TryPlan(byte[] bytes, string method)
    {
        try
        {
            return ComponentPlan.Resolve(bytes, method);
        }
        catch (ComponentPlanException)
        {
            return null;
        }
    }

    /// <summary>Writes one file in the cache's format (SHA-256 of the payload, then the payload).</summary>
    private static string Write(string directory, string name, byte[] payload)
    {
        var path = Path.Combine(directory, name);
        CompiledCache.Write(path, static (byte[] p) => p, payload);
        return path;
    }
}
