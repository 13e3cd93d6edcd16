using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

/// <summary>Probes whether a large address-space reservation would succeed (libc <c>mmap</c>/<c>munmap</c>).</summary>
internal static partial class AddressSpace
{
    private const int ProtNone = 0;
    private const int MapPrivate = 0x02;
    private const int MapAnonymousLinux = 0x20;
    private const int MapAnonymousMac = 0x1000;
    private const int MapNoReserveLinux = 0x4000;

    public static bool CanReserve(ulong bytes)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return false;
        var flags = MapPrivate | (OperatingSystem.IsLinux() ? MapAnonymousLinux | MapNoReserveLinux : MapAnonymousMac);
        var address = mmap(0, (nuint)bytes, ProtNone, flags, -1, 0);
        if (address == -1 || address == 0) return false;
        munmap(address, (nuint)bytes);
        return true;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint address, nuint length);
}
