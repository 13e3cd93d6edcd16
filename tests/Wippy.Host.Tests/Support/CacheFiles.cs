using System.Security.Cryptography;

namespace Wippy.Host.Tests.Support;

/// <summary>What the compiled-code cache directory holds, for the cache fault tests.</summary>
internal static class CacheFiles
{
    /// <summary>The cache file names of the test guests' binaries start with the SHA-256 of the binary.</summary>
    public static readonly string AbiModule = Prefix("guests", "abi", "abi.wasm") + "-module-";

    /// <summary>calc.wasm, a component: its own file, and one for its core module (called directly).</summary>
    public static readonly string CalcComponent = Prefix("guests", "components", "calc", "calc.wasm") + "-component-";

    /// <summary>The cache files (<c>*.cwasm</c>) in <paramref name="directory"/> whose names start with <paramref name="prefix"/>.</summary>
    public static string[] Of(string directory, string prefix) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, prefix + "*.cwasm") : [];

    /// <summary>Every file under <paramref name="directory"/> that is not a finished cache file (a temporary or partial file left behind).</summary>
    public static string[] Leftovers(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFileSystemEntries(directory, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)).ToArray()
            : [];

    /// <summary>Whether <paramref name="file"/> is a whole cache file: its first 32 bytes are the SHA-256 of the rest.</summary>
    public static bool Intact(string file)
    {
        var bytes = File.ReadAllBytes(file);
        return bytes.Length > 32 && SHA256.HashData(bytes.AsSpan(32)).AsSpan().SequenceEqual(bytes.AsSpan(0, 32));
    }

    private static string Prefix(params string[] guest) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RepoPaths.Combine(["tests", .. guest]))));
}
