namespace Wippy.Host.Tests.Support;

/// <summary>The process's OS threads, as the kernel counts them (<c>Threads:</c> in <c>/proc/self/status</c>).</summary>
internal static class ProcessThreads
{
    /// <summary>How many OS threads the process has now.</summary>
    public static int Count()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Threads:", StringComparison.Ordinal)) return int.Parse(line.AsSpan(8).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("/proc/self/status has no Threads: line");
    }
}
