namespace Wippy.Host.Native;

/// <summary>
/// Remembers that a file's content was verified, so the next start need not read it again: a small file beside it
/// (<c>&lt;file&gt;.verified</c>) holds the file's size, modification time and creation time as they were when its
/// hash was checked. Any write to the file, or a new file put in its place, changes the modification or creation
/// time, and the stamp no longer matches. What a stamp cannot see is a change made around the file system (a disk
/// that damages data in place) or by someone who also rewrites the stamp: <c>WIPPY_NATIVE_VERIFY=always</c> hashes
/// on every start for those who need that.
/// </summary>
internal static class VerifiedStamp
{
    private const string Suffix = ".verified";

    /// <summary>Whether <paramref name="file"/> is unchanged since <see cref="Record"/> was last called for it.</summary>
    public static bool Matches(string file)
    {
        try
        {
            var stamp = Of(file);
            return stamp is not null && File.ReadAllText(file + Suffix) == stamp;
        }
        catch (IOException)
        {
            return false; // no stamp yet (or unreadable): verify the content
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Records that <paramref name="file"/>, as it is now, was verified (best effort: a read-only cache just verifies every time).</summary>
    public static void Record(string file)
    {
        var stamp = Of(file);
        if (stamp is null) return;
        var temporary = file + Suffix + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllText(temporary, stamp);
            File.Move(temporary, file + Suffix, overwrite: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        finally
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The file's size, modification and creation time (100 ns ticks, UTC), or null when it does not exist.</summary>
    private static string? Of(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists) return null;
        return $"{info.Length} {info.LastWriteTimeUtc.Ticks} {info.CreationTimeUtc.Ticks}";
    }
}
