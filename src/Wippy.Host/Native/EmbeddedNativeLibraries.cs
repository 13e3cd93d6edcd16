using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Wippy.Host.Native;

/// <summary>
/// Loads the native libraries Wippy.Host calls (<c>wasmtime</c>, <c>lua54</c>) from the app itself when the app
/// carries them: a NativeAOT publish embeds them as resources named <c>wippy.native/&lt;sha256&gt;/&lt;file&gt;</c>
/// (see <c>Wippy.Generators.targets</c>), so the published app is one file. On first use each is written once to a
/// per-user cache keyed by its hash (<c>$XDG_CACHE_HOME/wippy/native/&lt;sha256&gt;/&lt;file&gt;</c>, or under
/// <c>~/.cache</c>), and its hash is checked before every load; a damaged file is written again. An app without the
/// resources loads the libraries the usual way (beside the app, or from the package's runtimes/ folder).
/// </summary>
internal static class EmbeddedNativeLibraries
{
    private const string Prefix = "wippy.native/";
    private static int s_registered;

    /// <summary>Installs the resolver for Wippy.Host's P/Invokes (once; before the first native call).</summary>
    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(EmbeddedNativeLibraries).Assembly, Resolve);
    }

    /// <summary>The directory extracted libraries are cached in (overridable with <c>WIPPY_NATIVE_CACHE</c>).</summary>
    public static string CacheDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("WIPPY_NATIVE_CACHE") is { Length: > 0 } overridden) return overridden;
            return Path.Combine(Loading.UserCache.Root, "wippy", "native");
        }
    }

    /// <summary>
    /// Whether a cached library's hash is checked before each load (default). <c>WIPPY_NATIVE_VERIFY=0</c> skips the check
    /// for caches that cannot change (a read-only image); it costs about 20–30 ms per start for libwasmtime's 30 MB.
    /// </summary>
    private static bool Verify => Environment.GetEnvironmentVariable("WIPPY_NATIVE_VERIFY") != "0";

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var path = Extract(libraryName);
        return path is null ? 0 : NativeLibrary.Load(path);
    }

    /// <summary>
    /// The cached file of the embedded library <paramref name="libraryName"/> (<c>wasmtime</c> → <c>libwasmtime.so</c>),
    /// extracted or re-extracted as needed; null when the app embeds none.
    /// </summary>
    internal static string? Extract(string libraryName)
    {
        var app = Assembly.GetEntryAssembly();
        if (app is null) return null;
        foreach (var name in app.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var parts = name.Substring(Prefix.Length).Split('/');
            if (parts.Length != 2 || !Matches(parts[1], libraryName)) continue;
            var (hash, file) = (parts[0], parts[1]);
            var target = Path.Combine(CacheDirectory, hash, file);
            if (File.Exists(target) && (!Verify || string.Equals(HashOf(target), hash, StringComparison.OrdinalIgnoreCase))) return target;
            Write(app, name, target, hash);
            return target;
        }
        return null;
    }

    /// <summary>Whether <paramref name="file"/> is the library P/Invoke names <paramref name="libraryName"/>.</summary>
    private static bool Matches(string file, string libraryName) =>
        file == "lib" + libraryName + ".so" || file == "lib" + libraryName + ".dylib" || file == libraryName + ".dll";

    private static void Write(Assembly app, string resource, string target, string hash)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var input = app.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"the resource {resource} is missing"))
            using (var output = File.Create(temporary))
            {
                input.CopyTo(output);
            }
            var written = HashOf(temporary);
            if (!string.Equals(written, hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"the embedded {Path.GetFileName(target)} has the SHA-256 {written}, not {hash}: the app is damaged");
            }
            File.Move(temporary, target, overwrite: true); // atomic: another process may be doing the same
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The file's SHA-256, read in 1 MiB blocks (small reads made the check of a 30 MB library take longer).</summary>
    private static string HashOf(string file)
    {
        using var handle = File.OpenHandle(file);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
