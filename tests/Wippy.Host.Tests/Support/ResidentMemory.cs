using System.Runtime;
using System.Runtime.InteropServices;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// The process's resident memory (VmRSS of /proc/self/status), read after the collectable has been collected: the
/// .NET heap compacted and its finalizers run, and glibc's free chunks handed back to the system (malloc_trim), so
/// that two readings differ by what is still held (live objects, native memory, fragmentation), not by memory
/// both allocators keep cached for reuse.
/// </summary>
internal static partial class ResidentMemory
{
    /// <summary>What one reading saw, in bytes.</summary>
    /// <param name="Resident">VmRSS after the collection and malloc_trim: what is compared.</param>
    /// <param name="Untrimmed">VmRSS after the collection, before malloc_trim (for the record).</param>
    /// <param name="ManagedHeap">Bytes of live .NET objects.</param>
    /// <param name="GcCommitted">Bytes the .NET GC has committed.</param>
    public readonly record struct Reading(long Resident, long Untrimmed, long ManagedHeap, long GcCommitted)
    {
        public override string ToString() =>
            $"VmRSS {Mib(Resident)} MiB ({Mib(Untrimmed)} MiB before malloc_trim; .NET heap {Mib(ManagedHeap)} MiB live, {Mib(GcCommitted)} MiB committed)";

        private static string Mib(long bytes) => (bytes / 1024.0 / 1024).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Collects what can be collected, then reads.</summary>
    public static Reading Settled()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var untrimmed = VmRss();
        _ = MallocTrim(0);
        return new Reading(VmRss(), untrimmed, GC.GetTotalMemory(false), GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    /// <summary>VmRSS now, in bytes (Linux: the tests run there).</summary>
    public static long VmRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kib = line["VmRSS:".Length..].Trim();
            return long.Parse(kib[..kib.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException("/proc/self/status has no VmRSS line");
    }

    /// <summary>glibc's malloc_trim: gives free heap memory of every arena back to the system.</summary>
    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
