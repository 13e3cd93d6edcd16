using Wippy.Host.Tests.Resources;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// Counters inside other values (tests/guests/components/counter): a list returned, lent and given; an option; a record
/// made, given and given back; a static function taking a list. Calls taking counters only inside a value run on the
/// instance of the first one; an own inside a value moves to the guest only once the call enters it, so a call failing
/// on a later element loses nothing. Against the real guest.
/// </summary>
public sealed class NestedResourceTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
    private readonly ResourcesFunctions _functions;

    public NestedResourceTests() => _functions = new ResourcesFunctions(_runtime);

    public void Dispose() => _runtime.Dispose();

    /// <summary>Instances of make_many kept for their counters.</summary>
    private int Busy => _runtime.GetWasmFunction("resources:make_many").Busy;

    [Fact]
    public void A_list_of_counters_is_returned_lent_and_given()
    {
        var counters = _functions.MakeMany(3, 10);
        Assert.Equal([10u, 11u, 12u], counters.Select(c => c.Get()));
        Assert.Equal(1, Busy); // their instance is kept for them
        Assert.Equal(33u, _functions.Total(counters)); // lent: a list of borrows, on their instance
        Assert.All(counters, c => Assert.False(c.IsDisposed));

        Assert.Equal(33u, _functions.TakeAll(counters)); // given: the guest drops them
        Assert.All(counters, c => Assert.True(c.IsDisposed));
        Assert.Equal(0, Busy); // the last one gone, the instance went back
    }

    [Fact]
    public void A_static_function_takes_a_list_and_an_empty_list_runs_on_a_pooled_instance()
    {
        using (var merged = _functions.CounterMergeAll(_functions.MakeMany(2, 5)))
        {
            Assert.Equal(11u, merged.Get());
        }
        Assert.Equal(0u, _functions.Total([]));
        Assert.Equal(0u, _functions.TakeAll([]));
        using var none = _functions.CounterMergeAll([]);
        Assert.Equal(0u, none.Get());
    }

    [Fact]
    public void An_optional_counter()
    {
        using (var some = _functions.Maybe(4))
        {
            Assert.Equal(4u, Assert.IsType<Counter>(some).Get());
        }
        Assert.Null(_functions.Maybe(null));
    }

    [Fact]
    public void A_record_holding_a_counter_is_made_given_and_given_back()
    {
        var named = _functions.Labelled("first", 3);
        Assert.Equal("first", named.Label);
        named.Counter.Increment();

        var renamed = _functions.Relabel(named, "second"); // the counter goes to the guest and comes back
        Assert.True(named.Counter.IsDisposed);
        Assert.Equal("second", renamed.Label);
        Assert.Equal(4u, renamed.Counter.Get()); // the same counter, in a new object
        renamed.Counter.Dispose();
    }

    [Fact]
    public void A_call_failing_on_a_later_element_loses_no_counter()
    {
        var counters = _functions.MakeMany(2, 1);
        var first = counters[0];

        var nullError = Assert.Throws<WippyException>(() => _functions.TakeAll([first, null!]));
        Assert.Equal((ErrorKind.Invalid, "resources:take_all"), (nullError.Kind, nullError.EntryId));
        Assert.Contains("cs[1]: expected a counter, got null", nullError.Message);
        Assert.Equal(1u, first.Get()); // not given: the call never entered the guest

        var twice = Assert.Throws<WippyException>(() => _functions.TakeAll([first, first]));
        Assert.Equal(ErrorKind.Invalid, twice.Kind);
        Assert.Contains("cs[1]: this counter is given to the guest twice in one call", twice.Message);
        Assert.Equal(1u, first.Get());

        counters[1].Dispose();
        Assert.Throws<ObjectDisposedException>(() => _functions.TakeAll([first, counters[1]]));
        Assert.Equal(1u, first.Get());

        Assert.Equal(1u, _functions.TakeAll([first])); // the entry serves on
        Assert.True(first.IsDisposed);
        Assert.Equal(0, Busy);
    }

    [Fact]
    public void Counters_of_two_instances_in_one_list_are_refused_and_both_stay_usable()
    {
        using var mine = _functions.MakeMany(1, 1)[0];
        using var theirs = _functions.Make(2); // another entry: another instance
        var error = Assert.Throws<WippyException>(() => _functions.Total([mine, theirs]));
        Assert.Equal((ErrorKind.Invalid, "resources:total"), (error.Kind, error.EntryId));
        Assert.Contains("cs[1]: this counter was made by another instance", error.Message);
        Assert.Equal(1u, mine.Get());
        Assert.Equal(2u, theirs.Get());
    }

    [Fact]
    public async Task The_async_proxies_carry_lists_of_counters_too()
    {
        var counters = await _functions.MakeManyAsync(2, 20);
        Assert.Equal(41u, await _functions.TotalAsync(counters));
        Assert.Equal(41u, await _functions.TakeAllAsync(counters));
        Assert.Equal(0, Busy);
    }

    [Fact]
    public void Lua_gets_a_table_of_counters_and_lends_it_back()
    {
        var output = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(output)) _runtime.GetFunction("resources:lua_counter_list").CallJson([], writer);
        Assert.Equal("15 4,5,6", System.Text.Json.JsonDocument.Parse(output.ToArray()).RootElement.GetString());
        Assert.Equal(0, Busy); // all closed
    }

    [Fact]
    public void Json_cannot_carry_a_list_of_counters()
    {
        var error = Assert.Throws<WippyException>(() => _runtime.GetWasmFunction("resources:make_many").CallJson(
            [System.Text.Json.JsonDocument.Parse("1").RootElement, System.Text.Json.JsonDocument.Parse("1").RootElement], new System.Text.Json.Utf8JsonWriter(new MemoryStream())));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("its result holds a counter, a resource the component defines, which cannot cross as JSON", error.Message);
        var param = Assert.Throws<WippyException>(() => _runtime.GetWasmFunction("resources:total").CallJson(
            [System.Text.Json.JsonDocument.Parse("[]").RootElement], new System.Text.Json.Utf8JsonWriter(new MemoryStream())));
        Assert.Contains("the parameter 'cs' holds a counter", param.Message);
    }
}
