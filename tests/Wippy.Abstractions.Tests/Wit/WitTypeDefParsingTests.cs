using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>Type definitions: alias, record, variant, enum, flags and resource.</summary>
public sealed class WitTypeDefParsingTests
{
    private static WitTypeDef Single(string text) => Assert.Single(WitTestKit.ParseSignaturesOk(text).TypeDefs);

    [Fact]
    public void Type_alias()
    {
        var alias = Assert.IsType<WitTypeAlias>(Single("type size = u32;"));
        Assert.Equal("size", alias.Name);
        Assert.IsType<WitPrimitiveType>(alias.Target);
    }

    [Fact]
    public void Record_with_field_docs_and_trailing_comma()
    {
        var record = Assert.IsType<WitRecord>(Single("""
            /// A user.
            record user {
                /// The id.
                id: u32,
                name: string,
            }
            """));
        Assert.Equal("user", record.Name);
        Assert.Equal("A user.", record.Docs);
        Assert.Equal(new[] { "id", "name" }, record.Fields.Select(f => f.Name));
        Assert.Equal("The id.", record.Fields[0].Docs);
        Assert.Null(record.Fields[1].Docs);
        Assert.Equal(4, record.Fields[0].Position.Line);
    }

    [Fact]
    public void Variant_cases_with_and_without_payload()
    {
        var variant = Assert.IsType<WitVariant>(Single("variant filter { all, none, some(list<string>) }"));
        Assert.Equal(new[] { "all", "none", "some" }, variant.Cases.Select(c => c.Name));
        Assert.Null(variant.Cases[0].Payload);
        Assert.IsType<WitListType>(variant.Cases[2].Payload);
    }

    [Fact]
    public void Enum_cases()
    {
        var @enum = Assert.IsType<WitEnum>(Single("enum color { red, green, blue, }"));
        Assert.Equal(new[] { "red", "green", "blue" }, @enum.Cases.Select(c => c.Name));
    }

    [Fact]
    public void Flags()
    {
        var flags = Assert.IsType<WitFlags>(Single("flags permissions { read, write, exec }"));
        Assert.Equal(new[] { "read", "write", "exec" }, flags.Flags.Select(f => f.Name));
    }

    [Fact]
    public void Resource_without_body()
    {
        var resource = Assert.IsType<WitResource>(Single("resource blob;"));
        Assert.Empty(resource.Functions);
    }

    [Fact]
    public void Resource_with_constructor_methods_and_static_functions()
    {
        var resource = Assert.IsType<WitResource>(Single("""
            resource blob {
                constructor(init: list<u8>);
                write: func(bytes: list<u8>);
                read: func(n: u32) -> list<u8>;
                merge: static func(lhs: borrow<blob>, rhs: borrow<blob>) -> blob;
                wait: async func();
                fetch: static async func() -> blob;
            }
            """));
        var f = resource.Functions;
        Assert.Equal(6, f.Count);
        Assert.Equal(("constructor", WitFunctionKind.Constructor), (f[0].Name, f[0].Kind));
        Assert.Null(f[0].Result);
        Assert.Equal("init", Assert.Single(f[0].Params).Name);
        Assert.Equal(WitFunctionKind.Method, f[1].Kind);
        Assert.Equal(WitFunctionKind.Method, f[2].Kind);
        Assert.IsType<WitListType>(f[2].Result);
        Assert.Equal(WitFunctionKind.Static, f[3].Kind);
        Assert.Equal(2, f[3].Params.Count);
        Assert.True(f[4].IsAsync);
        Assert.Equal(WitFunctionKind.Method, f[4].Kind);
        Assert.True(f[5].IsAsync);
        Assert.Equal(WitFunctionKind.Static, f[5].Kind);
    }

    [Fact]
    public void Fallible_constructor_keeps_its_result()
    {
        var resource = Assert.IsType<WitResource>(Single("resource blob2 { constructor(init: list<u8>) -> result<blob2>; }"));
        Assert.IsType<WitResultType>(Assert.Single(resource.Functions).Result);
    }

    [Fact]
    public void Gates_and_docs_on_resource_functions()
    {
        var resource = Assert.IsType<WitResource>(Single("""
            resource r {
                /// Says hi.
                @since(version = 0.2.1)
                hi: func();
            }
            """));
        var hi = Assert.Single(resource.Functions);
        Assert.Equal("Says hi.", hi.Docs);
        Assert.Equal(WitGateKind.Since, Assert.Single(hi.Gates).Kind);
    }
}
