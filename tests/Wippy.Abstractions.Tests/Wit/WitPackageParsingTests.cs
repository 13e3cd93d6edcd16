using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>Package declarations, nested packages and top-level <c>use</c>.</summary>
public sealed class WitPackageParsingTests
{
    [Theory]
    [InlineData("package wasi:clocks;", "wasi", "clocks", null)]
    [InlineData("package wasi:clocks@1.2.0;", "wasi", "clocks", "1.2.0")]
    [InlineData("package wasi:http@0.2.0-rc-2023-12-05;", "wasi", "http", "0.2.0-rc-2023-12-05")]
    [InlineData("package foo:bar:baz/quux@1.0.0+build.5;", "foo:bar", "baz/quux", "1.0.0+build.5")]
    public void Package_declaration(string text, string ns, string name, string? version)
    {
        var package = WitTestKit.ParseOk(text).Package!;
        Assert.Equal((ns, name, version), (package.Namespace, package.Name, package.Version));
    }

    [Fact]
    public void File_without_package_declaration()
    {
        var doc = WitTestKit.ParseOk("interface a {}\nworld w {}", "types.wit");
        Assert.Null(doc.Package);
        Assert.Equal("types.wit", doc.FilePath);
        Assert.Single(doc.Interfaces);
        Assert.Single(doc.Worlds);
    }

    [Fact]
    public void Nested_packages()
    {
        var doc = WitTestKit.ParseOk("""
            package local:root;

            package local:a {
                interface foo { f: func(); }
            }

            /// Docs of b.
            package local:b@1.0.0 {
                use local:a/foo as a-foo;
                interface bar {}
                world w { import a-foo; }
            }

            interface root-iface {}
            """);
        Assert.Equal("local:root", doc.Package!.ToString());
        Assert.Single(doc.Interfaces);
        Assert.Equal(2, doc.NestedPackages.Count);
        var a = doc.NestedPackages[0];
        Assert.Equal("local:a", a.Package.ToString());
        Assert.Single(a.Interfaces[0].Functions);
        var b = doc.NestedPackages[1];
        Assert.Equal("local:b@1.0.0", b.Package.ToString());
        Assert.Equal("Docs of b.", b.Docs);
        Assert.Equal("a-foo", Assert.Single(b.Uses).LocalName);
        Assert.Single(b.Worlds);
    }

    [Fact]
    public void Top_level_use_with_and_without_alias()
    {
        var doc = WitTestKit.ParseOk("""
            package local:demo;
            use wasi:http/types@0.2.0 as http-types;
            use local-iface;
            """);
        Assert.Equal(2, doc.Uses.Count);
        Assert.Equal("http-types", doc.Uses[0].Alias);
        Assert.Equal("wasi:http/types@0.2.0", doc.Uses[0].Path.ToString());
        Assert.Null(doc.Uses[1].Alias);
        Assert.Equal("local-iface", doc.Uses[1].LocalName);
    }

    [Fact]
    public void Empty_text_is_an_empty_document()
    {
        var doc = WitTestKit.ParseOk("  // nothing here\n");
        Assert.Null(doc.Package);
        Assert.Empty(doc.Interfaces);
    }
}
