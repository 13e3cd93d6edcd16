using Wippy.Generators.Tests.Support;

namespace Wippy.Generators.Tests;

/// <summary>
/// Whatever a WIT or registry name is, the generator emits C# that compiles: a table of hostile names (C# keywords
/// and contextual keywords, the members every record or object has, the proxy's own classes and members, generated
/// locals) is put in each place a name can come from, and the output is compiled with every warning as an error.
/// </summary>
public sealed class GeneratedNamesCompileTests
{
    /// <summary>Names that are valid WIT identifiers (a WIT keyword is written with %) and collide with something in C#.</summary>
    public static readonly string[] HostileWitNames =
    [
        // C# keywords and contextual keywords
        "class", "int", "string", "object", "event", "namespace", "return", "this", "base", "new", "operator", "params",
        "default", "void", "null", "true", "false", "checked", "fixed", "lock", "sizeof", "typeof", "is", "as", "in",
        "out", "ref", "value", "var", "dynamic", "async", "await", "yield", "global", "nameof", "get", "set", "init",
        "%bool", "%type", "%record", "%enum", "%flags", "%variant", "%static", "%result", "%list", "%string-x",
        // members every record / object has
        "clone", "equality-contract", "deconstruct", "to-string", "get-hash-code", "equals", "print-members",
        "get-type", "memberwise-clone", "finalize", "reference-equals",
        // the generated classes of namespace 'reg' and of the app, and generated locals
        "reg-functions", "reg-functions-json", "reg-functions-lua", "reg-functions-components", "reg-functions-abi",
        "reg-functions-registration", "wippy-registry", "runtime", "call", "flat", "cancellation-token", "function",
        "invoke", "run", "r", "v", "e", "fl", "f", "HTTP", "x1", "none", "all", "item",
    ];

    /// <summary>The name as a WIT identifier: '%' escapes any name (needed for WIT keywords, harmless for the rest).</summary>
    private static string Wit(string name) => "%" + Bare(name);

    private static string Bare(string name) => name.TrimStart('%');

    public static TheoryData<string> Places => new()
    {
        "record-field", "variant-case", "enum-case", "flags-member", "parameter", "type-name", "function-name", "entry-name",
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void Every_hostile_name_compiles_in_this_place(string place)
    {
        var registry = new TestRegistry();
        registry.Add("reg/_index.yaml", Registry(place));

        var result = registry.Run();

        Assert.Empty(result.Diagnostics);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    private static string Registry(string place)
    {
        var names = HostileWitNames.Distinct().ToList();
        return place switch
        {
            "record-field" => Lua("record r { " + string.Join(", ", names.Select(n => Wit(n) + ": s32")) + " }", "x: r"),
            "variant-case" => Lua("variant v { " + string.Join(", ", names.Select(n => Wit(n) + "(s32)")) + " }", "x: v"),
            "enum-case" => Lua("enum e { " + string.Join(", ", names.Select(Wit)) + " }", "x: e"),
            "flags-member" => Lua(
                string.Join("\n      ", names.Chunk(32).Select((chunk, i) => $"flags fl{i} {{ " + string.Join(", ", chunk.Select(Wit)) + " }")),
                string.Join(", ", names.Chunk(32).Select((_, i) => $"x{i}: fl{i}"))),
            "parameter" => Lua("", string.Join(", ", names.Select(n => Wit(n) + ": s32"))),
            "type-name" => Lua(
                string.Join("\n      ", names.Select(n => "record " + Wit(n) + " { x: s32 }")),
                string.Join(", ", names.Select((n, i) => $"p{i}: {Wit(n)}"))),
            "function-name" => "namespace: reg\nentries:\n" + string.Concat(names.Select((n, i) => $"""
                  - name: f{i}
                    kind: function.wat
                    source: |
                      (module (func (export "{Bare(n)}") (result i32) i32.const 0))
                    wit: |
                      {Wit(n)}: func() -> s32;
                    method: "{Bare(n)}"

                """)),
            _ => "namespace: reg\nentries:\n" + string.Concat(names.Select(n => Bare(n).Replace('-', '_')).Concat(EntryOnlyNames).Select(n => $"""
                  - name: "{n}"
                    kind: function.wat
                    source: |
                      (module (func (export "f") (result i32) i32.const 0))
                    wit: |
                      f: func() -> s32;
                    method: f

                """)),
        };
    }

    [Fact]
    public void Every_hostile_name_compiles_as_a_function_and_a_parameter_of_an_imported_interface()
    {
        // A component importing an interface whose functions (and their parameters) have every hostile name: the
        // generated C# interface the app implements, and its adapter, must compile. The component's facts are what the
        // build step would write for it.
        var names = HostileWitNames.Distinct().ToList();
        var registry = new TestRegistry();
        registry.Add("reg/_index.yaml", SmallRegistries.ComponentRun("reg"));
        var facts = new System.Text.StringBuilder(SmallRegistries.RunFacts("reg:run"));
        foreach (var n in names)
        {
            facts.Append($"import\twippy:hostile/host\t{Bare(n)}\tfunc(s32) -> s32\t{Wit(n)}: func({Wit(n)}: s32) -> s32;\\n\n");
        }
        registry.Add("wippy.modules.txt", facts.ToString());

        var result = registry.Run();

        Assert.Empty(result.Diagnostics);
        var imports = Assert.Single(result.GeneratedSources, s => s.HintName == "Wippy.reg.Imports.g.cs").SourceText.ToString();
        Assert.Contains("int Class(int @class);", imports); // a keyword as a function and as a parameter
        Assert.Contains("int GetType(int getType);", imports); // a member every object has
        // the awaiting twin's token does not take the name of a WIT parameter
        Assert.Contains("global::System.Threading.Tasks.ValueTask<int> CancellationTokenAsync(int cancellationTokenArg, global::System.Threading.CancellationToken cancellationToken);", imports);
        Assert.Contains("global::System.Threading.Tasks.ValueTask<int> ClassAsync(int @class, global::System.Threading.CancellationToken cancellationToken);", imports);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void An_imported_interface_named_as_anothers_awaiting_twin_leaves_the_twin_another_name()
    {
        // wippy:twins/host's awaiting twin would be IHostAsync, the name of wippy:twins/host-async's own interface.
        var registry = new TestRegistry();
        registry.Add("reg/_index.yaml", SmallRegistries.ComponentRun("reg"));
        registry.Add("wippy.modules.txt", SmallRegistries.RunFacts("reg:run")
            + "import\twippy:twins/host\tadd\tfunc(s32) -> s32\tadd: func(x: s32) -> s32;\\n\n"
            + "import\twippy:twins/host-async\tadd\tfunc(s32) -> s32\tadd: func(x: s32) -> s32;\\n\n");

        var result = registry.Run();

        Assert.Empty(result.Diagnostics);
        var imports = Assert.Single(result.GeneratedSources, s => s.HintName == "Wippy.reg.Imports.g.cs").SourceText.ToString();
        Assert.Contains("public interface IHost\n", imports.ReplaceLineEndings("\n"));
        Assert.Contains("public interface IHostAsync\n", imports.ReplaceLineEndings("\n")); // wippy:twins/host-async's own
        Assert.Contains("public interface IHostAsyncAsync\n", imports.ReplaceLineEndings("\n")); // the twins, both
        Assert.Contains("public interface IHostAsyncAsyncAsync\n", imports.ReplaceLineEndings("\n"));
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    /// <summary>Entry names the registry allows that are not WIT names: '.', a leading digit or '_'.</summary>
    private static readonly string[] EntryOnlyNames = ["to.string.x", "1st", "_x", "9"];

    /// <summary>A typed function.lua entry 'lua_fn' with the type definitions and the parameters given.</summary>
    private static string Lua(string types, string parameters) => $"""
        namespace: reg
        entries:
          - name: lua_fn
            kind: function.lua
            source: |
              function lua_fn() return 0 end
            method: lua_fn
            wit: |
              {(types.Length == 0 ? "" : types + "\n      ")}lua-fn: func({parameters}) -> s32;

        """;
}
