using System.Diagnostics;
using System.Globalization;

namespace Wippy.Host.Loading;

/// <summary>
/// The temporary files of the compiled-code cache: each cache file is written as
/// <c>&lt;file&gt;.&lt;process id&gt;.&lt;thread id&gt;.tmp</c> and renamed into place. A write that fails deletes its own;
/// one whose process died midway (killed, out of memory, power lost) is deleted by the next runtime that writes to
/// the directory, once its process is gone. (A process of another PID namespace sharing the directory looks gone:
/// deleting its file midway only makes its rename fail, which costs it a compile at its next start.)
/// </summary>
internal static class CacheLeftovers
{
    /// <summary>The temporary name this thread writes <paramref name="path"/> under.</summary>
    public static string TemporaryName(string path) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");

    /// <summary>Deletes the temporary files in <paramref name="directory"/> whose writing process no longer runs.</summary>
    public static void RemoveDead(string directory)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(directory, "*.cwasm.*.*.tmp");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // no directory (yet), or not readable: nothing to tidy
        }
        foreach (var file in files)
        {
            if (WriterOf(file) is { } process && process != Environment.ProcessId && !Runs(process)) TryDelete(file);
        }
    }

    /// <summary>Deletes <paramref name="file"/> if it can; a cache that cannot be tidied is no failure.</summary>
    public static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // read-only, or gone already
        }
    }

    /// <summary>The process id in a temporary file's name (<c>….cwasm.&lt;pid&gt;.&lt;tid&gt;.tmp</c>), or null.</summary>
    private static int? WriterOf(string file)
    {
        var parts = Path.GetFileName(file).Split('.');
        return parts.Length >= 4 && int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool Runs(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // no process has that id
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return true; // cannot tell: its file is kept
        }
    }
}
