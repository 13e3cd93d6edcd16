namespace Wippy.Host.Processes;

/// <summary>The permissions the process host asks the policy for (the names of the runtime we re-create), and the context value naming the acting PID.</summary>
public static class ProcessPermissions
{
    /// <summary>Spawning; the resource is the entry id.</summary>
    public const string Spawn = "process.spawn";

    /// <summary>Spawning onto a host; the resource is the host's name.</summary>
    public const string Host = "process.host";

    /// <summary>Spawning with another security context (<see cref="SpawnOptions.Context"/>); the resource is <c>security</c>.</summary>
    public const string Security = "process.security";

    /// <summary>Sending; the resource is the target PID; asked with the sender's context.</summary>
    public const string Send = "process.send";

    /// <summary>Stopping (with a grace period); the resource is the target PID.</summary>
    public const string Cancel = "process.cancel";

    /// <summary>Ending at once; the resource is the target PID.</summary>
    public const string Terminate = "process.terminate";

    /// <summary>Monitoring; the resource is the target PID.</summary>
    public const string Monitor = "process.monitor";

    /// <summary>Linking; the resource is the target PID.</summary>
    public const string Link = "process.link";

    /// <summary>The context value holding the acting process's (or mailbox's) PID.</summary>
    public const string PidValue = "process.pid";
}
