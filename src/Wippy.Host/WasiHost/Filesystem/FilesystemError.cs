namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>
/// A wasi:filesystem operation failed with one of the interface's <c>error-code</c> cases (by its WIT name, such as
/// <c>no-entry</c>); the function returns it as <c>err(error-code)</c>.
/// </summary>
internal sealed class FilesystemError(string code, string? detail = null) : Exception(detail ?? code)
{
    /// <summary>The <c>error-code</c> case.</summary>
    public string Code { get; } = code;

    /// <summary>The error code of a .NET exception from a file operation (errno where .NET kept it).</summary>
    public static string CodeOf(Exception e) => e switch
    {
        FilesystemError f => f.Code,
        FileNotFoundException or DirectoryNotFoundException => "no-entry",
        UnauthorizedAccessException => "access",
        PathTooLongException => "name-too-long",
        IOException io => FromErrno(io.HResult) ?? "io",
        ArgumentException => "invalid",
        _ => "io",
    };

    /// <summary>The error code of a Linux errno (as .NET leaves it in an <see cref="IOException"/>'s HResult), or null for another.</summary>
    public static string? FromErrno(int errno) => errno switch
    {
        1 => "not-permitted",
        2 => "no-entry",
        13 => "access",
        16 => "busy",
        17 => "exist",
        18 => "cross-device",
        20 => "not-directory",
        21 => "is-directory",
        6 => "no-such-device",
        9 => "bad-descriptor",
        19 => "no-device",
        22 => "invalid",
        27 => "file-too-large",
        28 => "insufficient-space",
        30 => "read-only",
        36 => "name-too-long",
        39 => "not-empty",
        40 => "loop",
        _ => null,
    };
}
