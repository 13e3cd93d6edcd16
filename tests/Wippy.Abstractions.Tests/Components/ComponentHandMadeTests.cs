using Wippy.Modules.Components;
using static Wippy.Abstractions.Tests.Components.ComponentFixtures;

namespace Wippy.Abstractions.Tests.Components;

/// <summary>Small hand-assembled components for the name forms and type constructs the guests do not use.</summary>
public sealed class ComponentHandMadeTests
{
    private static ComponentBinary Read(byte[] bytes)
    {
        var result = ComponentBinaryReader.Read(bytes);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Component!;
    }

    [Fact]
    public void Name_forms_with_attributes_are_decoded()
    {
        // type 0 = func(x: s32) -> s32
        var types = Cat(1, 0x40, 1, "x", 0x7A, 0x00, 0x7A);
        var imports = Cat(
            3,
            0x00, "f", 0x01, 0,
            0x01, "g", 0x01, 0,
            0x02, "wasi:io/streams@0.2.1", 2, 0x01, "0.2.1", 0x00, "wasi:io/streams", 0x01, 0);
        var c = Read(Build((7, types), (10, imports)));
        Assert.Equal(new[] { "f", "g", "wasi:io/streams@0.2.1" }, c.Imports.Select(i => i.Name));
        Assert.All(c.Imports, i => Assert.Equal(ComponentExternKind.Func, i.Kind));
        Assert.Equal("f: func(x: s32) -> s32;", c.Imports[0].Signature);
        var streams = c.Imports[2];
        Assert.Equal("0.2.1", streams.Version);
        Assert.Equal("0.2.1", streams.VersionSuffix);
        Assert.Equal("wasi:io/streams", streams.Implements);
        Assert.Equal("io", streams.Package);
        Assert.Equal("streams", streams.Interface);
    }

    [Fact]
    public void Unknown_name_form_is_an_error()
    {
        var result = ComponentBinaryReader.Read(Build((10, Cat(1, 0x07, "f", 0x01, 0))));
        Assert.False(result.Success);
        Assert.Equal(11, result.Error!.Offset);
    }

    [Fact]
    public void Resources_own_borrow_and_instance_types_print()
    {
        // An instance type exporting a resource r and
        //   [method]r.get: func(self: borrow<r>) -> option<tuple<u64, char>>
        //   make: func() -> r
        var instanceType = Cat(
            0x42, 7,
            0x04, 0x00, "r", 0x03, 0x01,                 // export "r" (type (sub resource))   -> type 0
            0x01, 0x68, 0,                               // type 1 = borrow<0>
            0x01, 0x6F, 2, 0x77, 0x74,                   // type 2 = tuple<u64, char>
            0x01, 0x6B, 2,                               // type 3 = option<2>
            0x01, 0x40, 1, "self", 1, 0x00, 3,           // type 4 = func(self: 1) -> 3
            0x04, 0x00, "[method]r.get", 0x01, 4,        // export func (type 4)
            0x04, 0x00, "make", 0x01, 9);                // no type 9 in the instance type: left out of the functions
        var types = Cat(1, instanceType);
        var imports = Cat(1, 0x00, "my:pkg/res", 0x05, 0);
        var c = Read(Build((7, types), (10, imports)));
        var import = c.Imports.Single();
        Assert.Equal(ComponentExternKind.Instance, import.Kind);
        Assert.Equal(new[] { "resource r" }, import.Types);
        Assert.Equal(new[] { "[method]r.get: func(self: borrow<r>) -> option<tuple<u64, char>>;" }, import.Functions);
    }

    [Fact]
    public void Outer_aliases_and_export_aliases_follow_types()
    {
        // Top-level type 0 = enum e { a, b }; instance type 1 aliases it from the outer scope and exports it as "e";
        // an instance of type 1 is imported, its type "e" aliased out (type 2) and used by a top-level func type 3.
        var types1 = Cat(2,
            0x6D, 2, "a", "b",
            0x42, 3,
            0x02, 0x03, 0x02, 1, 0,                      // alias outer 1 0 (type)   -> local type 0
            0x04, 0x00, "e", 0x03, 0x00, 0,              // export "e" (type (eq 0)) -> local type 1
            0x04, 0x00, "get", 0x01, 2);                 // export "get" (func (type 2)): missing type, left out
        var imports = Cat(1, 0x00, "my:pkg/i", 0x05, 1);
        var alias = Cat(1, 0x03, 0x00, 0, "e");          // alias export instance 0 "e" (type) -> type 2
        var types2 = Cat(1, 0x40, 1, "v", 2, 0x01, 0x00); // type 3 = func(v: e)
        var exports = Cat(1, 0x00, "h", 0x01, 0, 0x00);
        var canon = Cat(1, 0x00, 0x00, 0, 0, 3);         // canon lift (core func 0) (type 3) -> func 0
        var c = Read(Build((7, types1), (10, imports), (6, alias), (7, types2), (8, canon), (11, exports)));
        Assert.Equal(new[] { "enum e { a, b }" }, c.Imports.Single().Types);
        Assert.Equal("h: func(v: e);", c.Exports.Single().Signature);
    }

    [Fact]
    public void An_unknown_type_opcode_keeps_the_externs_and_reports_a_type_problem()
    {
        var types = Cat(1, 0x55);
        var imports = Cat(1, 0x00, "f", 0x01, 0);
        var c = Read(Build((7, types), (10, imports)));
        Assert.NotNull(c.TypeProblem);
        Assert.Contains("0x55", c.TypeProblem, StringComparison.Ordinal);
        Assert.Equal("f", c.Imports.Single().Name);
        Assert.Null(c.Imports.Single().Signature);
    }
}
