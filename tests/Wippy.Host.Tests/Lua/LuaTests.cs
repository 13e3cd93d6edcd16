using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Tests.Imports;
using Wippy.Host.Tests.Support;
using Wippy.Security;

namespace Wippy.Host.Tests.Lua;

/// <summary>function.lua entries (registry/lua) and the funcs module calling WASM and Lua functions.</summary>
public sealed class LuaTests : IDisposable
{
    /// <summary>Denies mallory every call of comp:echo_s32.</summary>
    private sealed class Policy : ICallPolicy
    {
        public PolicyDecision Check(CallContext context, string permission, string resource) =>
            context.Actor?.Id == "mallory" && resource == "comp:echo_s32" ? PolicyDecision.Deny("not for mallory") : PolicyDecision.Allow;
    }

    /// <summary>host.add for imports:run, recording the call context it runs in.</summary>
    private sealed class Host : IMinimalHost
    {
        public CallContext? Seen;

        public int Add(int a, int b)
        {
            Seen = CallContext.Current;
            return a + b;
        }
    }

    private readonly Host _host = new();
    private readonly WippyRuntime _runtime;

    public LuaTests()
    {
        var services = new ServiceCollection().AddSingleton<IMinimalHost>(_host).BuildServiceProvider();
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Policy = new Policy(), Services = services });
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void The_state_made_to_check_the_source_at_load_serves_the_first_call()
    {
        var handle = _runtime.GetLuaFunction("luatest:exclusive"); // loads: compiles and runs the source once
        Assert.Equal(1, handle.Idle); // that state is kept, not thrown away and made again for the first call
        Assert.Equal("ok", Call("luatest:exclusive").GetString());
        Assert.Equal(1, handle.Idle);
    }

    private JsonElement Call(string id, params string[] args) => LuaCalls.Call(_runtime, id, args);

    [Theory]
    [InlineData("comp")] // the echo component called through its core module
    [InlineData("cm")]   // the same functions through Wasmtime's component model
    public void Every_wit_type_crosses_both_ways(string ns)
    {
        var failures = Call("luatest:conversions", $"\"{ns}\"");
        Assert.Equal(JsonValueKind.Array, failures.ValueKind);
        var text = string.Join("\n", failures.EnumerateArray().Select(f => f.GetString()));
        Assert.True(text.Length == 0, text);
    }

    /// <summary>What luatest:call saw for one funcs.call: (ok, kind, message, tostring(err)).</summary>
    private (bool Ok, string? Kind, string? Message, string? Text) Outcome(params string[] args)
    {
        var r = Call("luatest:call", args);
        return r.GetProperty("ok").GetBoolean()
            ? (true, null, null, null)
            : (false, r.GetProperty("kind").GetString(), r.GetProperty("message").GetString(), r.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("\"\"", "the target is empty")]
    [InlineData("\"compute\"", "has no namespace")]
    [InlineData("\":compute\"", "has no namespace")]
    [InlineData("\"comp:\"", "has no name")]
    [InlineData("5", "must be a string")]
    public void A_bad_target_is_invalid(string target, string message)
    {
        var (ok, kind, text, full) = Outcome(target);
        Assert.False(ok);
        Assert.Equal("Invalid", kind);
        Assert.Contains(message, text);
        Assert.StartsWith("Invalid: ", full);
    }

    [Fact]
    public void An_unknown_entry_is_not_found()
    {
        var (ok, kind, message, text) = Outcome("\"luatest:nope\"");
        Assert.False(ok);
        Assert.Equal("NotFound", kind);
        Assert.Equal("luatest:nope: no function entry has this id", message);
        Assert.Equal("NotFound: luatest:nope: no function entry has this id", text);
    }

    [Fact]
    public void Bad_values_are_invalid_with_their_path()
    {
        var person = """{"name":"A","age":300,"tags":["x"],"home":{"x":1,"y":2}}""";
        var (_, kind, message, _) = Outcome("\"comp:echo_people\"", $"[{person}]");
        Assert.Equal("Invalid", kind);
        Assert.Equal("comp:echo_people: p[1].age: 300 does not fit in u8", message);

        (_, kind, message, _) = Outcome("\"comp:echo_people\"", """[{"name":"A","age":3,"tags":["x",5],"home":{"x":1,"y":2}}]""");
        Assert.Equal("comp:echo_people: p[1].tags[2]: expected a string, got integer", message);

        (_, kind, message, _) = Outcome("\"comp:echo_point\"", """{"x":1}""");
        Assert.Equal("comp:echo_point: p.y: missing field", message);

        (_, kind, message, _) = Outcome("\"comp:echo_enum\"", "\"purple\"");
        Assert.Equal("comp:echo_enum: c: expected one of red, green, blue, got 'purple'", message);

        (_, kind, message, _) = Outcome("\"comp:echo_s32\"", "1.5");
        Assert.Equal("Invalid", kind);
        Assert.Contains("v: 1.5 is not an integer", message);

        (_, kind, message, _) = Outcome("\"comp:echo_s32\"");
        Assert.Equal("comp:echo_s32: expected 1 argument(s) (v: s32), got 0", message);
    }

    [Fact]
    public void A_trap_a_timeout_and_a_denial_come_back_as_errors()
    {
        Assert.Equal("Trap", Outcome("\"comp:trap\"").Kind);
        var (_, kind, message, _) = Outcome("\"limits:spin\"");
        Assert.Equal("Timeout", kind);
        Assert.Contains("limits.max_execution_ms", message);
        using (CallContext.Enter(new CallContext(new Actor("mallory"))))
        {
            (_, kind, message, _) = Outcome("\"comp:echo_s32\"", "1");
            Assert.Equal("PermissionDenied", kind);
            Assert.Contains("not for mallory", message);
        }
        Assert.True(Outcome("\"comp:echo_s32\"", "1").Ok); // others still may
    }

    [Fact]
    public void Lua_functions_call_lua_functions_and_their_errors_come_back()
    {
        var r = Call("luatest:call", "\"luatest:add\"", "2", "40");
        Assert.Equal(42, r.GetProperty("results").GetProperty("1").GetInt32());

        var (ok, kind, message, _) = Outcome("\"luatest:raiser\"", "\"boom\"");
        Assert.False(ok);
        Assert.Equal("Internal", kind);
        Assert.Contains("boom", message);
        Assert.StartsWith("luatest:raiser: the Lua code raised an error:", message);

        (_, kind, _, _) = Outcome("\"luatest:raise_table\"");
        Assert.Equal("Internal", kind);

        // luatest:relay returns funcs.call's nil, err: the error object keeps its kind and methods in the caller's state
        (ok, kind, message, _) = Outcome("\"luatest:relay\"", "\"luatest:nope\"");
        Assert.False(ok);
        Assert.Equal("NotFound", kind);
        Assert.Equal("luatest:nope: no function entry has this id", message);
    }

    [Fact]
    public void The_sandbox_keeps_only_safe_libraries()
    {
        var report = Call("luatest:sandbox");
        foreach (var name in new[] { "io", "debug", "package", "dofile", "loadfile", "os_execute", "os_exit", "os_getenv", "os_remove", "os_time", "string", "math", "table", "utf8", "coroutine", "load_text" })
        {
            Assert.True(report.GetProperty(name).GetBoolean(), name);
        }
        Assert.Contains("module 'funcs' is not in the modules: of luatest:sandbox", report.GetProperty("require_unlisted").GetString());
        Assert.Contains("binary", report.GetProperty("load_binary").GetString());
    }

    [Fact]
    public void A_state_is_never_shared_by_two_calls()
    {
        var results = new string?[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = Call("luatest:exclusive").GetString());
        Assert.All(results, r => Assert.Equal("ok", r));
    }

    [Fact]
    public void A_lua_entry_that_does_not_compile_or_lacks_its_method_fails_to_load()
    {
        var broken = _runtime.GetLuaFunction("luatest:broken");
        Assert.False(broken.IsLoaded);
        Assert.Contains("does not compile", broken.LoadError!.Message);
        var error = Assert.Throws<WippyException>(() => Call("luatest:broken"));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);

        var missing = _runtime.GetLuaFunction("luatest:no_such_method");
        Assert.Contains("defines no function 'missing'", missing.LoadError!.Message);
        Assert.Equal("Unavailable", Outcome("\"luatest:broken\"").Kind); // and through funcs.call
    }

    [Fact]
    public void A_lua_function_returning_nil_and_an_error_fails_the_call()
    {
        var error = Assert.Throws<WippyException>(() => Call("luatest:relay", "\"luatest:nope\""));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("luatest:nope", error.Message);
    }

    [Fact]
    public void Futures_run_concurrently_report_errors_and_can_be_cancelled()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var r = Call("luatest:futures");
        Assert.Equal(5, r.GetProperty("a").GetInt32());
        Assert.Equal("x", r.GetProperty("b").GetString());
        Assert.Equal(5, r.GetProperty("a_again").GetInt32());
        Assert.True(r.GetProperty("a_complete").GetBoolean());
        Assert.False(r.GetProperty("a_canceled").GetBoolean());
        Assert.True(r.GetProperty("a_error").GetBoolean());
        Assert.False(r.GetProperty("a_cancel_after").GetBoolean());
        Assert.Equal("NotFound: luatest:nope: no function entry has this id", r.GetProperty("nope").GetString());
        Assert.True(r.GetProperty("bad_complete").GetBoolean());
        Assert.Equal("Invalid", r.GetProperty("bad_kind").GetString());
        Assert.True(r.GetProperty("spin_cancel").GetBoolean());
        Assert.Equal("Timeout", r.GetProperty("spin_kind").GetString());
        Assert.True(r.GetProperty("spin_canceled").GetBoolean());
        Assert.Equal(9, r.GetProperty("channel").GetInt32());
        Assert.Equal(42, r.GetProperty("lua").GetInt32());
        // the unread spin_forever future was cancelled when the call ended (otherwise this would never return)
        Assert.InRange(started.ElapsedMilliseconds, 0, 10_000);
    }

    [Fact]
    public void An_executor_sets_actor_scope_context_and_timeout_for_its_calls()
    {
        var r = Call("luatest:executor");
        Assert.Equal(42, r.GetProperty("run").GetInt32()); // (20 + 1) * 2
        var seen = _host.Seen!;
        Assert.Equal("alice", seen.Actor!.Id);
        Assert.Equal("admin", seen.Actor.Metadata!["role"]);
        Assert.Equal(["users.read"], seen.Scope);
        Assert.Equal("r-1", seen.Values["request"]);
        Assert.Equal("t-9", seen.Values["tenant"]);
        Assert.True(r.GetProperty("base_is_new").GetBoolean());
        Assert.Equal("Timeout", r.GetProperty("timeout_kind").GetString());
        Assert.Equal("Timeout", r.GetProperty("async_timeout_kind").GetString());
        Assert.StartsWith("PermissionDenied: comp:echo_s32: actor 'mallory' may not call this entry", r.GetProperty("denied").GetString());
    }

    [Fact]
    public void The_callers_context_reaches_the_callee_when_the_executor_sets_none()
    {
        using (CallContext.Enter(new CallContext(new Actor("carol"), ["s"], new Dictionary<string, object?> { ["k"] = "v" })))
        {
            var r = Call("luatest:relay", "\"imports:run\"", "1");
            Assert.Equal(4, r.GetInt32());
        }
        Assert.Equal("carol", _host.Seen!.Actor!.Id);
        Assert.Equal("v", _host.Seen.Values["k"]);
    }

    [Theory]
    [InlineData("\"loop\"")]
    [InlineData("\"pcall\"")] // a Lua-level pcall cannot keep the interrupt
    public void Lua_code_is_stopped_at_its_time_limit_and_the_entry_keeps_serving(string mode)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<WippyException>(() => Call("luatest:busy_loop", mode));
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal("luatest:busy_loop: the call ran longer than its limit of 1000 ms (limits.max_execution_ms) and was stopped", error.Message);
        Assert.InRange(started.ElapsedMilliseconds, 990, 5000);
        Assert.Equal("done", Call("luatest:busy_loop", "\"short\"").GetString());
    }

    [Fact]
    public void An_executor_timeout_and_a_future_cancel_stop_lua_code()
    {
        var r = Call("luatest:stop_lua");
        Assert.Equal("Timeout: luatest:spin_lua: the call was cancelled by its caller while it ran", r.GetProperty("executor").GetString());
        Assert.Equal("Timeout: luatest:spin_lua: the call was cancelled by its caller while it ran", r.GetProperty("future").GetString());
        Assert.True(r.GetProperty("canceled").GetBoolean());
    }
}
