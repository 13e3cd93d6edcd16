using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Wippy.Benchmarks;

/// <summary>
/// What the process holds, from /proc/self (Linux): resident memory read after what can be collected has been (the .NET
/// heap compacted, finalizers run, glibc's free chunks handed back with malloc_trim), threads, memory mappings, and a
/// breakdown of the mappings by kind (/proc/self/smaps). The same method as the host tests' ResidentMemory helper.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>One reading.</summary>
    /// <param name="Resident">VmRSS after the collection and malloc_trim, in bytes.</param>
    /// <param name="Threads">OS threads of the process.</param>
    /// <param name="Mappings">Lines of /proc/self/maps (Linux refuses more than vm.max_map_count).</param>
    /// <param name="ManagedHeap">Bytes of live .NET objects.</param>
    /// <param name="Virtual">VmSize, in bytes.</param>
    public readonly record struct Reading(long Resident, int Threads, int Mappings, long ManagedHeap, long Virtual);

    /// <summary>Collects what can be collected, then reads.</summary>
    public static Reading Settled()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _ = MallocTrim(0);
        return new Reading(Status("VmRSS:") * 1024, (int)Status("Threads:"), Mappings(), GC.GetTotalMemory(false), Status("VmSize:") * 1024);
    }

    /// <summary>A field of /proc/self/status (kB fields in kB), 0 when absent.</summary>
    public static long Status(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>The process's memory mappings (lines of /proc/self/maps).</summary>
    public static int Mappings() => File.ReadLines("/proc/self/maps").Count();

    /// <summary>vm.max_map_count, or 0 when it cannot be read.</summary>
    public static int MaxMapCount() =>
        int.TryParse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>
    /// The mappings grouped by kind: permissions, size and what backs them (anonymous, a [name] such as [heap], a memfd by
    /// its name, or "file" for any other file); per kind,
    /// how many and their resident kB. Compare two of these to see what a set of instances added.
    /// </summary>
    public static Dictionary<(string Perms, long SizeKib, string Name), (int Count, long RssKib)> Smaps()
    {
        var kinds = new Dictionary<(string, long, string), (int, long)>();
        (string Perms, long SizeKib, string Name)? current = null;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (IsHeader(line))
            {
                var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                var range = parts[0].Split('-');
                var size = (long)(ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) - ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)) / 1024;
                var name = parts.Length > 5 ? parts[5].Trim() : "";
                name = name.Length == 0 ? "anonymous"
                    : name.StartsWith('[') ? name
                    : name.StartsWith("/memfd:", StringComparison.Ordinal) ? name.Replace(" (deleted)", "", StringComparison.Ordinal)
                    : "file";
                current = (parts[1], size, name);
                kinds[current.Value] = kinds.GetValueOrDefault(current.Value) is var (c, r) ? (c + 1, r) : (1, 0);
            }
            else if (current is { } key && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var kib = long.Parse(line.AsSpan(4).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                var (c, r) = kinds[key];
                kinds[key] = (c, r + kib);
            }
        }
        return kinds;
    }

    // A header line of smaps: "start-end perms offset dev inode [name]"; field lines are "Name:   value kB".
    private static bool IsHeader(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0) return false;
        var range = line.AsSpan(0, space);
        var dash = range.IndexOf('-');
        return dash > 0 && dash < range.Length - 1 && !range[..dash].ContainsAnyExcept(Hex) && !range[(dash + 1)..].ContainsAnyExcept(Hex);
    }

    private static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>glibc's malloc_trim: gives free heap memory of every arena back to the system.</summary>
    /// <remarks>DllImport, not LibraryImport: the signature is blittable, and LibraryImport would need unsafe code in this project.</remarks>
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
