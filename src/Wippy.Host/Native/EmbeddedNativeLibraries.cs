using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Wippy.Host.Native;

/// <summary>
/// Loads the native libraries Wippy.Host calls (<c>wasmtime</c>, <c>lua54</c>) from the app itself when the app
/// carries them: a NativeAOT publish embeds them as resources named <c>wippy.native/&lt;sha256&gt;/&lt;file&gt;</c>
/// (see <c>Wippy.Generators.targets</c>), so the published app is one file. On first use each is written once to a
/// per-user cache keyed by its hash (<c>$XDG_CACHE_HOME/wippy/native/&lt;sha256&gt;/&lt;file&gt;</c>, or under
/// <c>~/.cache</c>). Before a load its SHA-256 is checked unless the file is unchanged since its last check (see
/// <see cref="VerifiedStamp"/>); a damaged file is written again. An app without the resources loads the libraries the
/// usual way (beside the app, or from the package's runtimes/ folder). <c>WIPPY_NATIVE_DIRECTORY</c>, when set, names a
/// directory to load them from first: the build step runs that way from the Wippy.Generators package, which carries no
/// native library of its own (its build targets point it at the Wasmtime package the app restored).
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

    /// <summary>How a cached library is checked before it is loaded (<c>WIPPY_NATIVE_VERIFY</c>).</summary>
    internal enum VerifyMode
    {
        /// <summary>Default: its SHA-256 when the file changed since its last check (<see cref="VerifiedStamp"/>: a stat per start).</summary>
        WhenChanged,

        /// <summary><c>always</c>: its SHA-256 on every start (about 25 ms for libwasmtime's 30 MB).</summary>
        Always,

        /// <summary><c>0</c>: not at all, for caches that cannot change (a read-only image).</summary>
        Off,
    }

    /// <summary>The mode <c>WIPPY_NATIVE_VERIFY</c> asks for (<c>always</c>, <c>0</c>; anything else is the default).</summary>
    private static VerifyMode ConfiguredVerifyMode => Environment.GetEnvironmentVariable("WIPPY_NATIVE_VERIFY") switch
    {
        "0" => VerifyMode.Off,
        "always" => VerifyMode.Always,
        _ => VerifyMode.WhenChanged,
    };

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (Environment.GetEnvironmentVariable("WIPPY_NATIVE_DIRECTORY") is { Length: > 0 } directory &&
            FileNames(libraryName).Select(file => Path.Combine(directory, file)).FirstOrDefault(File.Exists) is { } given)
        {
            return NativeLibrary.Load(given);
        }
        var app = Assembly.GetEntryAssembly();
        var path = app is null ? null : Extract(app, libraryName, CacheDirectory, ConfiguredVerifyMode);
        return path is null ? 0 : NativeLibrary.Load(path);
    }

    /// <summary>
    /// The cached file of the library <paramref name="libraryName"/> (<c>wasmtime</c> → <c>libwasmtime.so</c>) that
    /// <paramref name="app"/> embeds, extracted into <paramref name="cacheDirectory"/> or extracted again when the
    /// cached file is missing or damaged; null when the app embeds none.
    /// </summary>
    internal static string? Extract(Assembly app, string libraryName, string cacheDirectory, VerifyMode mode)
    {
        foreach (var name in app.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var parts = name.Substring(Prefix.Length).Split('/');
            if (parts.Length != 2 || !Matches(parts[1], libraryName)) continue;
            var (hash, file) = (parts[0], parts[1]);
            var target = Path.Combine(cacheDirectory, hash, file);
            if (IsIntact(target, hash, mode)) return target;
            Write(app, name, target, hash);
            VerifiedStamp.Record(target); // Write checked the hash of what it wrote
            return target;
        }
        return null;
    }

    /// <summary>Whether the cached <paramref name="target"/> holds the library with the SHA-256 <paramref name="hash"/>.</summary>
    private static bool IsIntact(string target, string hash, VerifyMode mode)
    {
        if (!File.Exists(target)) return false;
        if (mode == VerifyMode.Off) return true;
        if (mode == VerifyMode.WhenChanged && VerifiedStamp.Matches(target)) return true;
        if (!string.Equals(HashOf(target), hash, StringComparison.OrdinalIgnoreCase)) return false;
        VerifiedStamp.Record(target);
        return true;
    }

    /// <summary>Whether <paramref name="file"/> is the library P/Invoke names <paramref name="libraryName"/>.</summary>
    private static bool Matches(string file, string libraryName) => FileNames(libraryName).Contains(file);

    /// <summary>The file names of the library P/Invoke names <paramref name="libraryName"/>, on each platform.</summary>
    private static string[] FileNames(string libraryName) => ["lib" + libraryName + ".so", "lib" + libraryName + ".dylib", libraryName + ".dll"];

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
