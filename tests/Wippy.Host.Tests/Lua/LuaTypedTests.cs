using Wippy.Host.Tests.Luatest;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Lua;

/// <summary>Typed C# proxies of function.lua entries that declare a wit: signature (registry/lua).</summary>
public sealed class LuaTypedTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
    private readonly LuatestFunctions _lua;

    public LuaTypedTests() => _lua = new LuatestFunctions(_runtime);

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void Scalars_cross_both_ways() => Assert.Equal(42, _lua.TypedAdd(40, 2));

    [Fact]
    public void Records_lists_and_options_cross_both_ways()
    {
        var greeting = _lua.TypedGreeting(new Who("Ann", ["a", "b"]), 3);
        Assert.Equal(new Greeting("hello Ann", 3, greeting.Tags, null), greeting);
        Assert.Equal(["a", "b"], greeting.Tags);
    }

    [Fact]
    public void A_result_is_value_nil_or_nil_err()
    {
        Assert.Equal(Wippy.Result<int, string>.Ok(3), _lua.TypedDivide(7, 2));
        Assert.Equal(Wippy.Result<int, string>.Err("division by zero"), _lua.TypedDivide(7, 0));
    }

    [Fact]
    public void A_result_that_does_not_fit_is_invalid_with_its_path()
    {
        var error = Assert.Throws<WippyException>(() => _lua.TypedWrong());
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("luatest:typed_wrong: result: expected an integer, got string", error.Message);
    }

    [Fact]
    public void Nil_and_an_error_object_fail_the_call_with_that_error()
    {
        var error = Assert.Throws<WippyException>(() => _lua.TypedFailingCall());
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("luatest:nope: no function entry has this id", error.Message);
    }

    [Fact]
    public void A_function_without_result_returns_nothing() => _lua.TypedNothing(5);
}
