using System.Diagnostics;
using System.Text.Json;
using Wippy.Host.Lua.Native;
using Wippy.Host.Processes;

namespace Wippy.Host.Lua;

/// <summary>
/// A channel Lua code receives from (<c>ch:receive()</c>, <c>channel.select</c>): a process's inbox, its events, or a
/// timer (<c>time.after</c>). Receiving never waits here: <see cref="TryReceive"/> pushes the next value or says there
/// is none, and <see cref="WhenReady"/> tells when to look again (<see cref="LuaProcesses.Receive"/> waits).
/// </summary>
internal abstract class LuaChannel
{
    /// <summary>Pushes the next value and returns true, or pushes nothing and returns false.</summary>
    public abstract bool TryReceive(nint L);

    /// <summary>Completes when <see cref="TryReceive"/> may succeed.</summary>
    public abstract Task WhenReady();

    /// <summary>Whether nothing will ever come again (the call's mailbox closed because the runtime is stopping).</summary>
    public virtual bool IsClosed => false;
}

/// <summary>The call's inbox: each message as a table <c>{topic, from, payloads = {{format, data}…}}</c>, JSON data decoded.</summary>
internal sealed class InboxChannel(ProcessMailbox mailbox) : LuaChannel
{
    /// <inheritdoc />
    public override bool TryReceive(nint L)
    {
        if (!mailbox.TryReceive(out var message)) return false;
        LuaApi.lua_createtable(L, 0, 3);
        LuaStack.PushString(L, message!.Topic);
        LuaStack.SetField(L, -2, "topic"u8);
        LuaStack.PushString(L, message.From);
        LuaStack.SetField(L, -2, "from"u8);
        LuaApi.lua_createtable(L, message.Payloads.Count, 0);
        for (var i = 0; i < message.Payloads.Count; i++)
        {
            var payload = message.Payloads[i];
            LuaApi.lua_createtable(L, 0, 2);
            LuaStack.PushString(L, payload.FormatName);
            LuaStack.SetField(L, -2, "format"u8);
            if (payload.Format == PayloadFormat.Json)
            {
                using var json = JsonDocument.Parse(payload.Data);
                LuaData.PushJson(L, json.RootElement);
            }
            else
            {
                LuaStack.PushBytes(L, payload.Data.Span);
            }
            LuaStack.SetField(L, -2, "data"u8);
            LuaApi.lua_rawseti(L, -2, i + 1);
        }
        LuaStack.SetField(L, -2, "payloads"u8);
        return true;
    }

    /// <inheritdoc />
    public override Task WhenReady() => mailbox.Endpoint.Mailbox.WhenReadable();

    /// <inheritdoc />
    public override bool IsClosed => mailbox.Endpoint.Mailbox.IsClosed;
}

/// <summary>The call's events: <c>{kind = "pid.exit" | "pid.link.down", from, result = {value = …} | {error = err}}</c>.</summary>
internal sealed class EventsChannel(ProcessMailbox mailbox) : LuaChannel
{
    /// <inheritdoc />
    public override bool TryReceive(nint L)
    {
        if (!mailbox.TryReceiveEvent(out var e)) return false;
        LuaApi.lua_createtable(L, 0, 3);
        LuaStack.PushString(L, e!.Kind == ProcessEventKind.Exit ? "pid.exit" : "pid.link.down");
        LuaStack.SetField(L, -2, "kind"u8);
        LuaStack.PushString(L, e.From);
        LuaStack.SetField(L, -2, "from"u8);
        LuaApi.lua_createtable(L, 0, 1);
        if (e.Exit.Error is { } error)
        {
            LuaErrors.PushErrorObject(L, error);
            LuaStack.SetField(L, -2, "error"u8);
        }
        else
        {
            switch (e.Exit.Value)
            {
                case JsonElement json:
                    LuaData.PushJson(L, json);
                    break;
                case null:
                    LuaApi.lua_pushnil(L);
                    break;
                case var other:
                    LuaStack.PushString(L, other.ToString() ?? "");
                    break;
            }
            LuaStack.SetField(L, -2, "value"u8);
        }
        LuaStack.SetField(L, -2, "result"u8);
        return true;
    }

    /// <inheritdoc />
    public override Task WhenReady() => mailbox.Endpoint.Events.Reader.WaitToReadAsync().AsTask();

    /// <inheritdoc />
    public override bool IsClosed => mailbox.Endpoint.Events.Reader.Completion.IsCompleted;
}

/// <summary><c>time.after(duration)</c>: receives once, the Unix time in seconds, when the duration has passed.</summary>
internal sealed class TimerChannel(TimeSpan after) : LuaChannel
{
    private readonly long _due = Stopwatch.GetTimestamp() + (long)(after.TotalSeconds * Stopwatch.Frequency);
    private bool _fired;

    /// <inheritdoc />
    public override bool TryReceive(nint L)
    {
        if (_fired || Stopwatch.GetTimestamp() < _due) return false;
        _fired = true;
        LuaApi.lua_pushnumber(L, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        return true;
    }

    /// <inheritdoc />
    public override Task WhenReady()
    {
        if (_fired) return Task.Delay(Timeout.Infinite); // a timer receives once
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _due);
        return left <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(left);
    }
}
