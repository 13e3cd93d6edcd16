using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>Worlds: every form of import and export, include with renames, use and types.</summary>
public sealed class WitWorldParsingTests
{
    private static WitWorld ParseWorld(string body) =>
        Assert.Single(WitTestKit.ParseOk("package local:demo;\nworld w {\n" + body + "\n}").Worlds);

    [Fact]
    public void Import_and_export_of_interfaces_by_path()
    {
        var world = ParseWorld("""
            import wasi:io/streams@0.2.0;
            import wasi:random/random;
            export handler;
            """);
        Assert.Equal(3, world.Items.Count);
        var streams = world.Items[0];
        Assert.True(streams.IsImport);
        Assert.Null(streams.Name);
        Assert.Equal("wasi:io/streams@0.2.0", streams.InterfaceRef!.ToString());
        Assert.Null(world.Items[1].InterfaceRef!.Version);
        var handler = world.Items[2];
        Assert.False(handler.IsImport);
        Assert.Equal("handler", handler.InterfaceRef!.InterfaceName);
        Assert.False(handler.InterfaceRef.IsQualified);
    }

    [Fact]
    public void Import_and_export_of_functions()
    {
        var world = ParseWorld("""
            import log: func(msg: string);
            export run: func() -> s32;
            export run-async: async func();
            """);
        var log = world.Items[0];
        Assert.True(log.IsImport);
        Assert.Equal("log", log.Name);
        Assert.Equal("log", log.Function!.Name);
        Assert.Equal(WitFunctionKind.Freestanding, log.Function.Kind);
        var run = world.Items[1];
        Assert.False(run.IsImport);
        Assert.Equal(WitPrimitive.S32, Assert.IsType<WitPrimitiveType>(run.Function!.Result).Kind);
        Assert.True(world.Items[2].Function!.IsAsync);
    }

    [Fact]
    public void Inline_interface()
    {
        var world = ParseWorld("""
            import host: interface {
                record entry { key: string }
                log: func(e: entry);
            }
            """);
        var item = Assert.Single(world.Items);
        Assert.Equal("host", item.Name);
        var inline = item.InlineInterface!;
        Assert.Equal("host", inline.Name);
        Assert.Single(inline.TypeDefs);
        Assert.Single(inline.Functions);
    }

    [Fact]
    public void Plain_name_with_an_interface_path()
    {
        var world = ParseWorld("""
            import primary: wasi:keyvalue/store;
            export my-handler: handler;
            """);
        Assert.Equal("primary", world.Items[0].Name);
        Assert.Equal("wasi:keyvalue/store", world.Items[0].InterfaceRef!.ToString());
        Assert.Equal("my-handler", world.Items[1].Name);
        Assert.Equal("handler", world.Items[1].InterfaceRef!.ToString());
    }

    [Fact]
    public void Include_with_and_without_renames()
    {
        var world = ParseWorld("""
            include other;
            include wasi:cli/imports@0.2.0 with { a as a1, b as b1 }
            include third with { c as d };
            """);
        Assert.Equal(3, world.Includes.Count);
        Assert.Empty(world.Includes[0].With);
        Assert.Equal("wasi:cli/imports@0.2.0", world.Includes[1].World.ToString());
        Assert.Equal(new[] { ("a", "a1"), ("b", "b1") }, world.Includes[1].With.Select(w => (w.Name, w.Alias)));
        Assert.Single(world.Includes[2].With);
    }

    [Fact]
    public void Use_and_type_definitions_in_a_world()
    {
        var world = ParseWorld("""
            use types.{user};
            record point { x: s32, y: s32 }
            export origin: func() -> point;
            """);
        Assert.Single(world.Uses);
        Assert.Equal("point", Assert.Single(world.TypeDefs).Name);
        Assert.Single(world.Items);
    }

    [Fact]
    public void Gates_and_docs_on_world_items()
    {
        var world = ParseWorld("""
            /// The clock.
            @unstable(feature = clocks-timezone)
            import wasi:clocks/timezone@0.2.12;
            """);
        var item = Assert.Single(world.Items);
        Assert.Equal("The clock.", item.Docs);
        Assert.Equal(WitGateKind.Unstable, Assert.Single(item.Gates).Kind);
    }
}
