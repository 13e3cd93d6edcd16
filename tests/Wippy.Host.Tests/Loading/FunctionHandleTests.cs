using System.Text.Json;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>
/// One way to reach any function: <see cref="WippyRuntime.GetFunction"/> returns a <see cref="FunctionHandle"/> for a
/// WebAssembly or a Lua entry, and a caller that only has the id (the command line, HTTP next) calls it with JSON
/// without knowing its kind.
/// </summary>
public sealed class FunctionHandleTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });

    public void Dispose() => _runtime.Dispose();

    private static string CallJson(FunctionHandle function, params string[] args)
    {
        var documents = args.Select(a => JsonDocument.Parse(a)).ToList();
        try
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                function.CallJson(documents.Select(d => d.RootElement).ToArray(), writer);
            }
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        finally
        {
            foreach (var d in documents) d.Dispose();
        }
    }

    [Fact]
    public void A_webassembly_function_and_a_lua_function_are_called_the_same_way()
    {
        var wasm = _runtime.GetFunction("abi:echo_s32");
        var lua = _runtime.GetFunction("luatest:add");

        Assert.IsType<WasmFunctionHandle>(wasm);
        Assert.IsType<Wippy.Host.Lua.LuaFunctionHandle>(lua);
        Assert.Equal("-7", CallJson(wasm, "-7"));
        Assert.Equal("42", CallJson(lua, "20", "22"));
        Assert.Equal("function.wasm", wasm.Descriptor.Kind);
        Assert.Equal("function.lua", lua.Descriptor.Kind);
    }

    [Fact]
    public void Every_handle_of_an_id_is_the_same_loaded_entry()
    {
        Assert.Same(_runtime.GetFunction("abi:echo_s32"), _runtime.GetWasmFunction("abi:echo_s32"));
        Assert.Same(_runtime.GetFunction("luatest:add"), _runtime.GetLuaFunction("luatest:add"));
    }

    [Fact]
    public void Asking_for_the_wrong_kind_is_not_found_and_names_the_entry()
    {
        var notWasm = Assert.Throws<WippyException>(() => _runtime.GetWasmFunction("luatest:add"));
        Assert.Equal(ErrorKind.NotFound, notWasm.Kind);
        Assert.Equal("luatest:add", notWasm.EntryId);
        Assert.Contains("function.wat or function.wasm", notWasm.Message);

        var notLua = Assert.Throws<WippyException>(() => _runtime.GetLuaFunction("abi:echo_s32"));
        Assert.Equal(ErrorKind.NotFound, notLua.Kind);
        Assert.Equal("abi:echo_s32", notLua.EntryId);
    }

    [Fact]
    public void Data_entries_are_not_functions()
    {
        var fs = _runtime.Manifest.Entries.First(e => e.Kind == "fs.directory");
        var error = Assert.Throws<WippyException>(() => _runtime.GetFunction(fs.Id));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void A_bad_json_argument_fails_as_invalid_for_both_kinds_and_the_entry_serves_the_next_call()
    {
        var wasm = _runtime.GetFunction("abi:echo_s32");
        var wasmError = Assert.Throws<WippyException>(() => CallJson(wasm, "\"seven\""));
        Assert.Equal(ErrorKind.Invalid, wasmError.Kind);
        Assert.Equal("abi:echo_s32", wasmError.EntryId);
        Assert.Equal("5", CallJson(wasm, "5"));

        var lua = _runtime.GetFunction("luatest:add");
        var luaError = Assert.ThrowsAny<WippyException>(() => CallJson(lua, "{}", "1"));
        Assert.Equal("luatest:add", luaError.EntryId);
        Assert.Equal("3", CallJson(lua, "1", "2"));
    }

    [Fact]
    public void An_entry_that_failed_to_load_is_a_handle_whose_calls_fail_with_the_reason()
    {
        var broken = _runtime.GetFunction("luatest:broken");
        Assert.False(broken.IsLoaded);
        Assert.NotNull(broken.LoadError);
        var error = Assert.Throws<WippyException>(() => CallJson(broken));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Same(broken.LoadError, error);
    }
}
