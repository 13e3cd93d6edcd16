using Wippy.Host.Execution;
using Wippy.Host.Registry;
using Wippy.Host.Tests.Resources;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// The generated C# of a resource a component exports (tests/guests/components/counter): the class
/// <see cref="Counter"/> with the resource's methods, its constructor and static function on the functions class,
/// functions returning and borrowing one, and the JSON and Lua binders refusing it. Against the real guest.
/// </summary>
public sealed class ResourceProxyTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
    private readonly ResourcesFunctions _functions;

    public ResourceProxyTests() => _functions = new ResourcesFunctions(_runtime);

    public void Dispose() => _runtime.Dispose();

    private int Busy => _runtime.GetWasmFunction("resources:make").Busy;

    [Fact]
    public void A_counter_made_by_a_function_has_the_resource_methods_and_ends_in_the_guest()
    {
        using (var counter = _functions.Make(5))
        {
            counter.Increment();
            counter.Increment();
            Assert.Equal(7u, counter.Get());
            Assert.Equal(7u, _functions.Peek(counter)); // a borrow: runs on the counter's instance
            using var doubled = counter.Doubled();
            Assert.Equal(14u, doubled.Get());
            counter.Add(doubled);
            Assert.Equal(21u, counter.Get());
            Assert.Equal(1, Busy); // its instance is kept for it, out of the pool
        }
        Assert.Equal(0, Busy);
    }

    [Fact]
    public void The_constructor_and_a_static_function_are_methods_of_the_functions_class()
    {
        var a = _functions.NewCounter(2);
        var b = a.Doubled();
        using var merged = _functions.CounterMerge(a, b); // takes both (own): they are the guest's now
        Assert.Equal(6u, merged.Get());
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        var error = Assert.Throws<ObjectDisposedException>(() => a.Get());
        Assert.Contains("given to the guest", error.Message);
    }

    [Fact]
    public async Task The_async_proxy_returns_a_counter_too()
    {
        using var counter = await _functions.MakeAsync(40);
        Assert.Equal(40u, await _functions.PeekAsync(counter));
    }

    [Fact]
    public async Task An_async_call_waits_for_the_instance_without_a_thread_and_runs_when_it_is_free()
    {
        using var counter = _functions.Make(7);
        var holding = counter.Resource.Begin("wippy:counter/counters#live"); // another call has the instance's turn
        var peek = _functions.PeekAsync(counter);
        var get = counter.Resource.BeginAsync("wippy:counter/counters#[method]counter.get", null, CancellationToken.None);
        Assert.False(peek.IsCompleted);
        Assert.False(get.IsCompleted);
        holding.End(); // gives the turn back
        Assert.Equal(7u, await peek.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        var call = await get.AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        call.End();

        var disposed = _functions.Make(1);
        disposed.Dispose();
        var failed = _functions.PeekAsync(disposed); // a failed task, not a synchronous throw
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await failed);
        await Assert.ThrowsAsync<WippyException>(async () => await _functions.PeekAsync(null!));
    }

    [Fact]
    public void Bad_uses_are_clear_errors_and_the_entry_serves_on()
    {
        var counter = _functions.Make(1);
        counter.Dispose();
        Assert.Throws<ObjectDisposedException>(() => counter.Increment());
        Assert.Throws<ObjectDisposedException>(() => _functions.Peek(counter));

        var nullError = Assert.Throws<WippyException>(() => _functions.Peek(null!));
        Assert.Equal((ErrorKind.Invalid, "resources:peek"), (nullError.Kind, nullError.EntryId));
        Assert.Contains("c: expected a counter, got null", nullError.Message);

        using var one = _functions.Make(1);
        using var two = _functions.Make(2); // another instance: the lazy pool makes a second one
        var other = Assert.Throws<WippyException>(() => one.Add(two));
        Assert.Equal(ErrorKind.Invalid, other.Kind);
        Assert.Contains("other: this counter was made by another instance", other.Message);
        Assert.Equal(1u, one.Get()); // both still work
        Assert.Equal(2u, two.Get());
    }

    [Fact]
    public void A_trap_with_a_counter_lent_ends_the_counters_of_that_instance()
    {
        var counter = _functions.Make(13);
        var sibling = counter.Doubled();
        var trap = Assert.Throws<WippyException>(() => _functions.Unlucky(counter));
        Assert.Equal((ErrorKind.Trap, "resources:unlucky"), (trap.Kind, trap.EntryId));
        var gone = Assert.Throws<WippyException>(() => sibling.Get());
        Assert.Equal(ErrorKind.Unavailable, gone.Kind);
        counter.Dispose();
        sibling.Dispose();
        Assert.Equal(0, Busy);

        using var fresh = _functions.Make(3);
        Assert.Equal(3u, _functions.Unlucky(fresh));
    }

    [Fact]
    public void A_runtime_disposed_while_a_counter_lives_stops_at_once_and_the_counter_is_dead()
    {
        var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        var counter = new ResourcesFunctions(runtime).Make(8);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        runtime.Dispose();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"disposing the runtime took {watch.Elapsed}");
        var error = Assert.Throws<WippyException>(() => counter.Get());
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        counter.Dispose(); // frees the handle; the instance is gone already
    }

    [Fact]
    public void A_component_whose_resource_methods_changed_since_the_build_fails_at_load()
    {
        // As if counter.wasm were swapped (same hash written) for one whose get returns u64: the entry fails to load,
        // naming the method, instead of its first call failing in Wasmtime.
        static FunctionDescriptor Changed(FunctionDescriptor d)
        {
            var members = d.Component!.MemberFingerprints.ToDictionary(m => m.Key, m => m.Value);
            members["wippy:counter/counters#[method]counter.get"] = "func(handle) -> u64";
            return Descriptors.With(d, component: d.Component with { MemberFingerprints = members });
        }
        var entries = WippyRegistry.CreateManifest().Entries.Select(e => e.Id == "resources:make" ? Changed((FunctionDescriptor)e) : e).ToList();
        using var runtime = new WippyRuntime(new Wippy.Host.Registry.RegistryManifest(entries), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        var handle = runtime.GetFunction("resources:make");
        Assert.False(handle.IsLoaded);
        Assert.Contains("the component's 'wippy:counter/counters#[method]counter.get' has the type func(handle) -> u32, but the generated resource class calls it as func(handle) -> u64; rebuild the app against this component",
            handle.LoadError!.Message);
        Assert.Contains("wippy:counter/counters#[static]counter.merge", WippyRegistry.CreateManifest().Entries.OfType<FunctionDescriptor>().Single(e => e.Id == "resources:make").Component!.MemberFingerprints.Keys);
    }

    [Fact]
    public void Json_cannot_carry_a_counter()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Wippy.Host.Cli.WippyApp.Run(["call", "resources:make", "5"], WippyRegistry.CreateManifest(), stdout, stderr,
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry }, CancellationToken.None);
        Assert.Equal(1, exit);
        Assert.Contains("its result is a counter, a resource the component defines, which cannot cross as JSON", stderr.ToString());

        var json = Assert.Throws<WippyException>(() => _runtime.GetWasmFunction("resources:peek").CallJson([System.Text.Json.JsonDocument.Parse("1").RootElement], new System.Text.Json.Utf8JsonWriter(new MemoryStream())));
        Assert.Equal(ErrorKind.Invalid, json.Kind);
        Assert.Contains("the parameter 'c' is a counter", json.Message);
    }

    /// <summary>Calls a Lua function without arguments that returns a string.</summary>
    private string CallLua(string id)
    {
        var output = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(output)) _runtime.GetFunction(id).CallJson([], writer);
        return System.Text.Json.JsonDocument.Parse(output.ToArray()).RootElement.GetString()!;
    }

    [Fact]
    public void Lua_holds_a_counter_as_a_userdata_with_its_methods()
    {
        Assert.Equal("counter (a resource) 24 24", CallLua("resources:lua_counters"));
        Assert.Equal(0, Busy); // both closed: the instance went back
    }

    [Fact]
    public void Lua_misuse_of_a_counter_is_nil_and_an_error()
    {
        var lines = CallLua("resources:lua_counters_misuse").Split('\n');
        Assert.Contains("this counter was disposed", lines[0]);
        Assert.Contains("a counter has no method 'nope'", lines[1]);
        Assert.Contains("c: expected a counter (a resource a function returned), got integer", lines[2]);
        Assert.Equal(0, Busy);
    }
}
