using Wippy.Modules.Components;
using static Wippy.Abstractions.Tests.Components.ComponentFixtures;

namespace Wippy.Abstractions.Tests.Components;

/// <summary>The committed guest components read back with the names, kinds and signatures their WIT gives.</summary>
public sealed class ComponentGuestTests
{
    private static ComponentBinary Read(string path)
    {
        var result = ComponentBinaryReader.Read(Load(path));
        Assert.True(result.Success, result.Error?.ToString());
        Assert.Null(result.Error);
        var c = result.Component!;
        Assert.Null(c.TypeProblem);
        return c;
    }

    private static string[] Names(IEnumerable<ComponentExtern> list) => list.Select(e => $"{e.Kind} {e.Name}").ToArray();

    [Fact]
    public void Trap_exports_boom_and_ok()
    {
        var c = Read(Trap);
        Assert.Empty(c.Imports);
        Assert.Equal(new[] { "Func boom", "Func ok" }, Names(c.Exports));
        Assert.Equal("boom: func() -> u32;", c.FindExport("boom")!.Signature);
        Assert.Equal("ok: func() -> u32;", c.FindExport("ok")!.Signature);
        Assert.Equal(0, c.NestedComponentCount);
        Assert.False(c.FindExport("boom")!.IsInterfaceName);
    }

    [Fact]
    public void Run_imports_the_host_interface_and_exports_run()
    {
        var c = Read(Run);
        Assert.Equal(new[] { "Instance test:minimal/host" }, Names(c.Imports));
        var host = c.FindImport("test:minimal/host")!;
        Assert.True(host.IsInterfaceName);
        Assert.Equal("test", host.Namespace);
        Assert.Equal("minimal", host.Package);
        Assert.Equal("host", host.Interface);
        Assert.Null(host.Version);
        Assert.Equal(new[] { "add: func(a: s32, b: s32) -> s32;" }, host.Functions);
        Assert.Empty(host.Types);
        Assert.Equal(new[] { "Func run" }, Names(c.Exports));
        Assert.Equal("run: func(x: s32) -> s32;", c.FindExport("run")!.Signature);
    }

    [Fact]
    public void Noop_imports_the_host_interface_and_exports_noop()
    {
        var c = Read(Noop);
        Assert.Equal(new[] { "Instance test:minimal/host" }, Names(c.Imports));
        Assert.Equal(new[] { "Func noop" }, Names(c.Exports));
        Assert.Equal("noop: func() -> s32;", c.FindExport("noop")!.Signature);
    }

    [Fact]
    public void Echo_exports_add_and_the_echo_interface_with_named_types()
    {
        var c = Read(Echo);
        Assert.Empty(c.Imports);
        Assert.Equal(new[] { "Func add", "Instance wippy:test/echo" }, Names(c.Exports));
        Assert.Equal("add: func(a: s32, b: s32) -> s32;", c.FindExport("add")!.Signature);
        Assert.Equal(1, c.NestedComponentCount);

        var echo = c.FindExport("wippy:test/echo")!;
        Assert.Equal("wippy", echo.Namespace);
        Assert.Equal("test", echo.Package);
        Assert.Equal("echo", echo.Interface);
        Assert.Equal(51, echo.Functions.Count);
        Assert.Equal(
            new[]
            {
                "record point { x: s32, y: s32 }",
                "record person { name: string, age: u8, tags: list<string>, email: option<string>, home: point }",
                "enum color { red, green, blue }",
                "flags perms { read, write, exec }",
                "variant shape { circle(f32), rect(point), label(string), empty }",
            },
            echo.Types);
        Assert.Contains("echo-point: func(p: point) -> point;", echo.Functions);
        Assert.Contains("echo-people: func(p: list<person>) -> list<person>;", echo.Functions);
        Assert.Contains("echo-tuple: func(t: tuple<u8, string, f64>) -> tuple<u8, string, f64>;", echo.Functions);
        Assert.Contains("echo-nested-option: func(o: option<option<string>>) -> option<option<string>>;", echo.Functions);
        Assert.Contains("echo-result: func(r: result<u32, string>) -> result<u32, string>;", echo.Functions);
        Assert.Contains("echo-result-empty: func(r: result) -> result;", echo.Functions);
        Assert.Contains("echo-result-err-only: func(r: result<_, string>) -> result<_, string>;", echo.Functions);
        Assert.Contains("echo-enum: func(c: color) -> color;", echo.Functions);
        Assert.Contains("echo-flags: func(f: perms) -> perms;", echo.Functions);
        Assert.Contains("echo-shapes: func(s: list<shape>) -> list<shape>;", echo.Functions);
        Assert.Contains("mixed: func(a: u8, b: s64, c: f32, d: f64, e: bool, f: char) -> string;", echo.Functions);
        Assert.Contains("make-person: func(name: string, age: u8) -> person;", echo.Functions);
    }

    [Fact]
    public void Mapper_imports_the_types_interface_and_exports_three_functions()
    {
        var c = Read(Mapper);
        Assert.Equal(new[] { "Instance test:mapper/types@0.1.0", "Type user-record", "Type user-output" }, Names(c.Imports));
        var types = c.FindImport("test:mapper/types@0.1.0")!;
        Assert.Equal("test", types.Namespace);
        Assert.Equal("mapper", types.Package);
        Assert.Equal("types", types.Interface);
        Assert.Equal("0.1.0", types.Version);
        Assert.Empty(types.Functions);
        Assert.Equal(
            new[]
            {
                "record user-record { id: u32, name: string, tags: list<string>, active: bool }",
                "record user-output { id: u32, display: string, tag-count: u32 }",
            },
            types.Types);

        Assert.Equal(new[] { "record user-output { id: u32, display: string, tag-count: u32 }" }, c.FindImport("user-output")!.Types);

        Assert.Equal(new[] { "Func transform-users", "Func filter-active", "Func aggregate-tags" }, Names(c.Exports));
        Assert.Equal("transform-users: func(users: list<user-record>) -> list<user-output>;", c.FindExport("transform-users")!.Signature);
        Assert.Equal("filter-active: func(users: list<user-record>) -> list<user-output>;", c.FindExport("filter-active")!.Signature);
        Assert.Equal("aggregate-tags: func(users: list<user-record>) -> list<string>;", c.FindExport("aggregate-tags")!.Signature);
    }

    [Theory]
    [InlineData(Mapper)]
    [InlineData(Echo)]
    [InlineData(Run)]
    [InlineData(Noop)]
    [InlineData(Trap)]
    public void Core_modules_are_extracted_and_sections_tile_the_file(string path)
    {
        var bytes = Load(path);
        var c = Read(path);
        Assert.NotEmpty(c.CoreModules);
        foreach (var m in c.CoreModules)
        {
            Assert.True(m.Length > 8);
            Assert.Equal(CorePreamble, m.Take(8).ToArray());
        }
        Assert.Equal(c.CoreModules.Count, c.Sections.Count(s => s.Id == 1));
        var first = c.Sections.First(s => s.Id == 1);
        Assert.Equal(bytes.Skip(first.Offset).Take(first.Length).ToArray(), c.CoreModules[0]);

        // Each section's contents end where the next section's header starts; the last ends the file.
        for (var i = 0; i + 1 < c.Sections.Count; i++)
        {
            Assert.True(c.Sections[i].Offset + c.Sections[i].Length < c.Sections[i + 1].Offset);
            Assert.Equal(c.Sections[i + 1].Id, bytes[c.Sections[i].Offset + c.Sections[i].Length]);
        }
        var last = c.Sections[^1];
        Assert.Equal(bytes.Length, last.Offset + last.Length);
        Assert.Contains(c.Sections, s => s.Id == 11);
    }

    [Fact]
    public void A_core_module_is_not_a_component()
    {
        var bytes = Load(CoreCompute);
        Assert.False(ComponentBinaryReader.HasComponentPreamble(bytes));
        var result = ComponentBinaryReader.Read(bytes);
        Assert.False(result.Success);
        Assert.Null(result.Component);
        Assert.Contains("not a component", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("core WebAssembly module", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(4, result.Error.Offset);
    }

    [Fact]
    public void The_guests_have_the_component_preamble() =>
        Assert.All(new[] { Mapper, Echo, Run, Noop, Trap }, p => Assert.True(ComponentBinaryReader.HasComponentPreamble(Load(p))));
}

/// <summary>The world text, as <c>wasm-tools component wit</c> prints it (less the package line and blank lines).</summary>
public sealed class ComponentWorldTests
{
    private static string World(string path) => ComponentBinaryReader.Read(Load(path)).Component!.ToWorldWit();

    [Fact]
    public void Run_world() =>
        Assert.Equal("world root {\n  import test:minimal/host;\n  export run: func(x: s32) -> s32;\n}\n", World(Run));

    [Fact]
    public void Trap_world() =>
        Assert.Equal("world root {\n  export boom: func() -> u32;\n  export ok: func() -> u32;\n}\n", World(Trap));

    [Fact]
    public void Echo_world() =>
        Assert.Equal("world root {\n  export add: func(a: s32, b: s32) -> s32;\n  export wippy:test/echo;\n}\n", World(Echo));

    [Fact]
    public void Mapper_world_uses_the_types_interface() =>
        Assert.Equal(
            "world root {\n" +
            "  use test:mapper/types@0.1.0.{user-record, user-output};\n" +
            "  import test:mapper/types@0.1.0;\n" +
            "  export transform-users: func(users: list<user-record>) -> list<user-output>;\n" +
            "  export filter-active: func(users: list<user-record>) -> list<user-output>;\n" +
            "  export aggregate-tags: func(users: list<user-record>) -> list<string>;\n" +
            "}\n",
            World(Mapper));
}
