namespace Wippy.Host.Loading;

/// <summary>Where per-user caches live: <c>$XDG_CACHE_HOME</c>, else <c>~/.cache</c> (on Windows the local application data folder).</summary>
internal static class UserCache
{
    /// <summary>The cache root; Wippy's caches are folders under <c>&lt;root&gt;/wippy/</c>.</summary>
    public static string Root
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            return !string.IsNullOrEmpty(xdg) ? xdg
                : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }
    }
}
