using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Wippy.Host.Lua.Native;
using Wippy.Host.Processes;

namespace Wippy.Host.Lua;

/// <summary>
/// The native side of the <c>process</c>, <c>channel</c> and <c>time</c> modules (the prelude wraps it):
/// <c>native_process(op, …)</c> over the call's <see cref="LuaProcesses"/>. Every op returns its value(s), or
/// <c>nil, err</c> with an error object. Nothing raises, and no exception leaves it.
/// </summary>
internal static unsafe class ProcessNative
{
    /// <summary>Spawn flags, as the prelude passes them.</summary>
    private const long Monitored = 1, Linked = 2;

    [UnmanagedCallersOnly]
    public static int Call(nint L)
    {
        var worker = Worker(L);
        using var unlimited = worker.Memory.Suspend();
        var top = LuaApi.lua_gettop(L);
        try
        {
            var processes = worker.Processes;
            var host = worker.Link.Processes;
            switch (LuaStack.ToStringOrNull(L, 1))
            {
                case "pid":
                    LuaStack.PushString(L, processes.Mailbox.Pid);
                    return 1;
                case "send":
                    processes.Mailbox.Send(Text(L, 2, "dest"), Text(L, 3, "topic"), Payloads(L, 4, top));
                    LuaApi.lua_pushboolean(L, 1);
                    return 1;
                case "spawn":
                    LuaStack.PushString(L, Spawn(L, top, processes, host));
                    return 1;
                case "cancel":
                    var target = Text(L, 2, "pid");
                    if (!host.IsAlive(target)) throw NotFound(target);
                    var grace = LuaApi.lua_type(L, 3) is LuaApi.LUA_TNIL or LuaApi.LUA_TNONE ? (TimeSpan?)null : Duration(L, 3, "deadline");
                    _ = host.StopAsync(target, grace); // asks; the exit comes as an event to whoever watches
                    LuaApi.lua_pushboolean(L, 1);
                    return 1;
                case "terminate":
                    var victim = Text(L, 2, "pid");
                    if (!host.Terminate(victim)) throw NotFound(victim);
                    LuaApi.lua_pushboolean(L, 1);
                    return 1;
                case "monitor":
                    processes.Mailbox.Monitor(Text(L, 2, "pid"));
                    LuaApi.lua_pushboolean(L, 1);
                    return 1;
                case "unmonitor":
                    processes.Mailbox.Unmonitor(Text(L, 2, "pid"));
                    LuaApi.lua_pushboolean(L, 1);
                    return 1;
                case "link":
                    var partner = Text(L, 2, "pid");
                    if (!processes.Mailbox.Link(partner)) throw NotFound(partner);
                    LuaApi.lua_pushboolean(L, 1);
                    return 1;
                case "unlink":
                    processes.Mailbox.Unlink(Text(L, 2, "pid"));
                    LuaApi.lua_pushboolean(L, 1);
                    return 1;
                case "after":
                    LuaApi.lua_pushinteger(L, processes.AddTimer(Duration(L, 2, "duration")));
                    return 1;
                case "receive":
                    var channels = new List<LuaChannel>();
                    for (var i = 2; i <= top; i++) channels.Add(processes.Channel(LuaApi.lua_tointegerx(L, i, null)));
                    var index = processes.Receive(L, channels); // pushed the value
                    LuaApi.lua_pushinteger(L, index + 1);
                    LuaStack.Insert(L, -2);
                    return 2;
                default:
                    throw new WippyException(ErrorKind.Invalid, null, $"no process operation '{LuaStack.ToStringOrNull(L, 1)}'");
            }
        }
        catch (Exception e) // nothing may leave a callback Lua called
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushError(L, LuaErrors.AsWippy(e, worker.EntryId));
        }
    }

    /// <summary><c>spawn(flags, id, host, args…)</c>: the arguments as a JSON array, the caller's PID watching or linked as asked.</summary>
    private static string Spawn(nint L, int top, LuaProcesses processes, LocalProcessHost host)
    {
        var flags = LuaApi.lua_tointegerx(L, 2, null);
        var id = Text(L, 3, "id");
        var hostName = Text(L, 4, "host");
        var arguments = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(arguments))
        {
            writer.WriteStartArray();
            for (var i = 5; i <= top; i++) LuaData.WriteJson(L, i, writer, $"argument {i - 4}");
            writer.WriteEndArray();
        }
        var me = (flags & (Monitored | Linked)) != 0 ? processes.Mailbox.Pid : null;
        var handle = host.SpawnJson(id, Encoding.UTF8.GetString(arguments.WrittenSpan), new SpawnOptions
        {
            Host = hostName,
            MonitoredBy = (flags & Monitored) != 0 ? me : null,
            LinkedTo = (flags & Linked) != 0 ? me : null,
        });
        return handle.Pid;
    }

    /// <summary>One payload per value from <paramref name="first"/>: a string as <c>bytes</c> (as the runtime we re-create sends it), anything else as <c>json</c>.</summary>
    private static ProcessPayload[] Payloads(nint L, int first, int top)
    {
        var payloads = new ProcessPayload[Math.Max(0, top - first + 1)];
        for (var i = first; i <= top; i++)
        {
            if (LuaApi.lua_type(L, i) == LuaApi.LUA_TSTRING)
            {
                payloads[i - first] = ProcessPayload.Bytes(LuaStack.Bytes(L, i));
                continue;
            }
            var json = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(json)) LuaData.WriteJson(L, i, writer, $"payload {i - first + 1}");
            payloads[i - first] = ProcessPayload.Json(Encoding.UTF8.GetString(json.WrittenSpan));
        }
        return payloads;
    }

    private static string Text(nint L, int index, string what) =>
        LuaApi.lua_type(L, index) == LuaApi.LUA_TSTRING
            ? LuaStack.ToStringOrNull(L, index)!
            : throw new WippyException(ErrorKind.Invalid, null, $"{what}: expected a string, got {LuaStack.TypeName(L, index)}");

    /// <summary>A duration: a number of milliseconds, or a string such as <c>"250ms"</c>, <c>"5s"</c>, <c>"1m"</c>, <c>"1h"</c>.</summary>
    private static TimeSpan Duration(nint L, int index, string what)
    {
        if (LuaApi.lua_type(L, index) == LuaApi.LUA_TNUMBER)
        {
            var ms = LuaApi.lua_tonumberx(L, index, null);
            if (ms >= 0 && ms <= int.MaxValue) return TimeSpan.FromMilliseconds(ms);
        }
        else if (LuaStack.ToStringOrNull(L, index) is { } text && ParseDuration(text) is { } parsed)
        {
            return parsed;
        }
        throw new WippyException(ErrorKind.Invalid, null, $"{what}: expected milliseconds or a duration such as \"250ms\", \"5s\", \"1m\"");
    }

    /// <summary>Parses <c>&lt;number&gt;(ms|s|m|h)</c>; null when it is not one.</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        var unit = text.EndsWith("ms", StringComparison.Ordinal) ? "ms" : text.Length > 0 ? text[^1..] : "";
        var factor = unit switch { "ms" => 1.0, "s" => 1000.0, "m" => 60_000.0, "h" => 3_600_000.0, _ => 0 };
        if (factor == 0) return null;
        if (!double.TryParse(text.AsSpan(0, text.Length - unit.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        var ms = value * factor;
        return ms is >= 0 and <= int.MaxValue ? TimeSpan.FromMilliseconds(ms) : null;
    }

    private static WippyException NotFound(string pid) => new(ErrorKind.NotFound, null, $"process {pid} not found");

    private static LuaWorker Worker(nint L) => (LuaWorker)GCHandle.FromIntPtr(LuaApi.lua_touserdata(L, LuaStack.UpvalueIndex(1))).Target!;
}
