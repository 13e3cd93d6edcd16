using Wippy.Generators.Tests.Support;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>function.lua entries: a missing source file and a wit: without the method are build errors where they are written.</summary>
public sealed class LuaDiagnosticsTests
{
    [Fact]
    public void A_missing_lua_file_is_reported_at_source()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: handler
                kind: function.lua
                source: file://missing.lua
                method: handler
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0200"), ErrorScenario.Path, TextPosition.Of(yaml, "file://missing.lua"), "the Lua file 'missing.lua' was not found");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:handler");
    }

    [Fact]
    public void A_wit_signature_without_the_method_is_reported_at_wit()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: lua_add
                kind: function.lua
                source: |
                  function lua_add(a, b) return a + b end
                method: lua_add
                wit: "add: func(a: s32, b: s32) -> s32;"
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0208"), ErrorScenario.Path, TextPosition.Of(yaml, "\"add: func"), "declares no function 'lua-add'");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:lua_add");
    }

    [Fact]
    public void A_lua_entry_is_emitted_with_its_source_and_a_typed_proxy_when_it_has_wit()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: lua_add
                kind: function.lua
                source: |
                  function lua_add(a, b) return a + b end
                method: lua_add
                modules: [funcs]
                wit: "lua-add: func(a: s32, b: s32) -> s32;"
            """;

        var result = ErrorScenario.Run(yaml);

        Assert.Empty(result.Diagnostics);
        var source = result.NamespaceSource("app");
        Assert.Contains("new global::Wippy.Host.Registry.LuaFunctionDescriptor(\"app:lua_add\"", source);
        Assert.Contains("Source = \"function lua_add(a, b) return a + b end\\n\"", source);
        Assert.Contains("Modules = new string[] { \"funcs\" }", source);
        Assert.Contains("public int LuaAdd(int a, int b) => _luaAdd.Invoke((a, b), AppFunctionsLua.WriteLuaAdd, AppFunctionsLua.ReadLuaAdd);", source);
    }
}
