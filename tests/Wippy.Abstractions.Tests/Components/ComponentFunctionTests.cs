using Wippy.Modules.Components;
using static Wippy.Abstractions.Tests.Components.ComponentFixtures;

namespace Wippy.Abstractions.Tests.Components;

/// <summary>Finding an exported function by a registry <c>method:</c>, its WIT signature block, fingerprint and lift.</summary>
public sealed class ComponentFunctionTests
{
    private static ComponentBinary Read(string path) => ComponentBinaryReader.Read(Load(path)).Component!;

    [Fact]
    public void Top_level_function_of_the_mapper()
    {
        var f = Read(Mapper).FindFunction("transform-users")!;
        Assert.Equal("transform-users", f.Key);
        Assert.Equal(
            "record user-record { id: u32, name: string, tags: list<string>, active: bool }\n" +
            "record user-output { id: u32, display: string, tag-count: u32 }\n" +
            "transform-users: func(users: list<user-record>) -> list<user-output>;\n", f.SignatureWit);
        Assert.Equal("func(list<record { id: u32, name: string, tags: list<string>, active: bool }>) -> list<record { id: u32, display: string, tag-count: u32 }>", f.Fingerprint);
        Assert.Equal(new ComponentLift("transform-users", "utf8", false)
        {
            CoreInstance = 0,
            Memory = new CoreExportRef(0, "memory"),
            Realloc = new CoreExportRef(0, "cabi_realloc"),
            PostReturn = new CoreExportRef(0, "cabi_post_transform-users"),
        }, f.Lift);
    }

    [Theory]
    [InlineData("echo#echo-point")]
    [InlineData("wippy:test/echo#echo-point")]
    public void Interface_function_by_short_and_full_name(string method)
    {
        var f = Read(Echo).FindFunction(method)!;
        Assert.Equal("wippy:test/echo#echo-point", f.Key);
        Assert.Equal("record point { x: s32, y: s32 }\necho-point: func(p: point) -> point;\n", f.SignatureWit);
        Assert.Equal("func(record { x: s32, y: s32 }) -> record { x: s32, y: s32 }", f.Fingerprint);
        Assert.Equal("wippy:test/echo#echo-point", f.Lift!.CoreExport);
    }

    [Fact]
    public void A_resource_the_component_exports_is_written_with_its_members()
    {
        // counter.wasm exports resource counter with a constructor, methods and a static function: a function using it
        // carries the whole resource, so a typed class can be made for it (self and the constructor's result implied).
        var f = Read(Counter).FindFunction("counters#make")!;
        Assert.Equal("wippy:counter/counters#make", f.Key);
        Assert.Equal(
            "resource counter {\n" +
            "    constructor(start: u32);\n" +
            "    increment: func();\n" +
            "    get: func() -> u32;\n" +
            "    add: func(other: borrow<counter>);\n" +
            "    doubled: func() -> counter;\n" +
            "    merge: static func(a: counter, b: counter) -> counter;\n" +
            "    merge-all: static func(cs: list<counter>) -> counter;\n" +
            "}\n" +
            "make: func(start: u32) -> counter;\n", f.SignatureWit);
        // A record holding one: the record and the resource, both.
        Assert.EndsWith("}\nrecord named-counter { label: string, counter: counter }\nlabelled: func(label: string, start: u32) -> named-counter;\n",
            Read(Counter).FindFunction("counters#labelled")!.SignatureWit);
        Assert.Equal("func(u32) -> handle", f.Fingerprint);
        Assert.Equal("func(handle) -> u32", Read(Counter).FindFunction("counters#peek")!.Fingerprint);
        // A resource's own member named as a method: the same block, then the member under its ABI name.
        Assert.EndsWith("}\n[method]counter.get: func(self: borrow<counter>) -> u32;\n", Read(Counter).FindFunction("counters#[method]counter.get")!.SignatureWit);
    }

    [Fact]
    public void Every_type_kind_has_a_fingerprint()
    {
        var echo = Read(Echo);
        Assert.Equal("func(result<_, string>) -> result<_, string>", echo.FindFunction("echo#echo-result-err-only")!.Fingerprint);
        Assert.Equal("func(result<_, _>) -> result<_, _>", echo.FindFunction("echo#echo-result-empty")!.Fingerprint);
        Assert.Equal("func(option<option<string>>) -> option<option<string>>", echo.FindFunction("echo#echo-nested-option")!.Fingerprint);
        Assert.Equal("func(variant { circle(f32), rect(record { x: s32, y: s32 }), label(string), empty }) -> variant { circle(f32), rect(record { x: s32, y: s32 }), label(string), empty }",
            echo.FindFunction("echo#echo-shape")!.Fingerprint);
        Assert.Equal("func(flags { read, write, exec }) -> flags { read, write, exec }", echo.FindFunction("echo#echo-flags")!.Fingerprint);
        Assert.Equal("func(enum { red, green, blue }) -> enum { red, green, blue }", echo.FindFunction("echo#echo-enum")!.Fingerprint);
        Assert.Equal("func(tuple<u8, string, f64>) -> tuple<u8, string, f64>", echo.FindFunction("echo#echo-tuple")!.Fingerprint);
        Assert.Equal("func()", Read(Trap).FindFunction("boom")!.Fingerprint[..6]);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("echo#nope")]
    [InlineData("other#echo-point")]
    [InlineData("wippy:test/echo@9.9.9#echo-point")]
    [InlineData("echo-point")]
    [InlineData("")]
    public void Unknown_names_are_not_found(string method) => Assert.Null(Read(Echo).FindFunction(method));

    [Fact]
    public void Function_keys_list_what_a_method_can_name()
    {
        var keys = Read(Echo).FunctionKeys;
        Assert.Equal("add", keys[0]);
        Assert.Contains("wippy:test/echo#echo-string", keys);
        Assert.Equal(52, keys.Count);
    }

    [Fact]
    public void Single_module_components_without_imports_can_be_called_directly()
    {
        Assert.Null(Read(Mapper).DirectCallProblem);
        Assert.Null(Read(Echo).DirectCallProblem);
        Assert.Null(Read(Trap).DirectCallProblem);
    }

    [Fact]
    public void Components_that_lower_imports_cannot()
    {
        Assert.Equal("it lowers imported functions into its core module", Read(Run).DirectCallProblem);
        Assert.NotNull(Read(Noop).DirectCallProblem);
        Assert.Equal("run", Read(Run).FindFunction("run")!.Lift!.CoreExport);
    }
}
