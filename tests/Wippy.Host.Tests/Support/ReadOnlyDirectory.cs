namespace Wippy.Host.Tests.Support;

/// <summary>
/// Makes a directory read-only for this process until disposed: a read-only bind mount as root (whom permission bits
/// do not stop), else permissions 0555. Use with <see cref="ReadOnlyDirectoryFactAttribute"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ReadOnlyDirectory : IDisposable
{
    private readonly string _path;
    private readonly bool _mounted;

    public ReadOnlyDirectory(string path)
    {
        _path = path;
        if (UnixFaults.IsRoot)
        {
            if (UnixFaults.MountReadOnly(path) is { } error) throw new InvalidOperationException(error);
            _mounted = true;
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    public void Dispose()
    {
        if (_mounted) UnixFaults.Unmount(_path);
        else File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
