using System.Globalization;

namespace Wippy.Host.Processes;

/// <summary>
/// Process ids, <c>{node@host|id}</c>: the runtime's node name, the host the process runs on, and a counter in
/// hexadecimal of at least five digits (<c>{local@app:processes|0x0002a}</c>), as the runtime we re-create writes
/// them. Opaque to everyone else: compare, store, send to them; never parse them.
/// </summary>
internal static class Pid
{
    /// <summary>The PID of the <paramref name="id"/>th process on <paramref name="host"/> of <paramref name="node"/>.</summary>
    public static string Format(string node, string host, long id) =>
        "{" + node + "@" + host + "|0x" + id.ToString("x5", CultureInfo.InvariantCulture) + "}";

    /// <summary>Whether <paramref name="pid"/> has the form of a PID (node, host and id present; at most 1024 bytes).</summary>
    public static bool IsWellFormed(string pid)
    {
        if (pid.Length < 7 || pid.Length > MessageRules.MaxPidBytes) return false;
        if (pid[0] != '{' || pid[^1] != '}') return false;
        var at = pid.IndexOf('@');
        var bar = pid.LastIndexOf('|');
        return at > 1 && bar > at + 1 && bar < pid.Length - 2;
    }
}
