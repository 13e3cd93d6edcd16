using System.Runtime.InteropServices;

namespace Wippy.Host.Tests.Support;

/// <summary>Sends a POSIX signal to a process (Process.Kill only sends SIGKILL). Linux: the tests run there.</summary>
internal static partial class Signals
{
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; throws when the kernel refuses.</summary>
    public static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
