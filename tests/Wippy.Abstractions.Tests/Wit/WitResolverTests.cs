using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>Name resolution across scopes, files, packages and versions, and its diagnostics.</summary>
public sealed class WitResolverTests
{
    private static WitDocument Parse(string text, string path = "a.wit") => WitTestKit.ParseOk(text, path);

    [Fact]
    public void Local_types_and_use_within_a_package()
    {
        var doc = Parse("""
            package local:demo@1.0.0;
            interface types {
                record user { id: u32 }
                type users = list<user>;
            }
            interface api {
                use types.{user, users as all-users};
                get: func(id: u32) -> user;
                list-all: func() -> all-users;
            }
            """);
        var resolution = WitTestKit.ResolveOk(doc);
        var api = WitTestKit.Interface(doc, "api");

        var user = resolution.Resolve(WitTestKit.Function(api, "get").Result!);
        Assert.NotNull(user);
        Assert.IsType<WitRecord>(user!.Definition);
        Assert.Equal("local:demo/types@1.0.0", user.OwnerQualifiedName);
        Assert.Same(WitTestKit.Interface(doc, "types"), user.OwnerInterface);

        var all = resolution.Resolve(WitTestKit.Function(api, "list-all").Result!)!;
        Assert.Equal("users", all.Definition.Name);
        Assert.Same(all.Definition, resolution.Lookup(api, "all-users"));
        Assert.Null(resolution.Lookup(api, "users"));
        Assert.Equal("local:demo/api@1.0.0", resolution.QualifiedName(api));
    }

    [Fact]
    public void Package_split_across_files()
    {
        var types = Parse("interface types { record point { x: s32 } }", "types.wit");
        var main = Parse("""
            package local:split;
            interface api { use types.{point}; origin: func() -> point; }
            world w { import api; export types; }
            """, "main.wit");
        var resolution = WitTestKit.ResolveOk(types, main);
        var api = WitTestKit.Interface(main, "api");
        Assert.Equal("local:split/types", resolution.Resolve(api.Functions[0].Result!)!.OwnerQualifiedName);
        Assert.Same(types.Interfaces[0], resolution.ResolveInterface(main.Worlds[0].Items[1].InterfaceRef!));
        Assert.Null(types.Package);
        Assert.Equal("local:split", resolution.PackageOf(types.Interfaces[0])!.ToString());
    }

    [Fact]
    public void Use_of_another_package_by_version()
    {
        var io1 = Parse("package wasi:io@0.2.0;\ninterface streams { resource input-stream; }", "io-0.2.0.wit");
        var io2 = Parse("package wasi:io@0.2.1;\ninterface streams { resource input-stream; resource output-stream; }", "io-0.2.1.wit");
        var app = Parse("""
            package my:app;
            interface reader {
                use wasi:io/streams@0.2.1.{input-stream as in-stream, output-stream};
                read: func(s: borrow<in-stream>) -> output-stream;
            }
            """, "app.wit");
        var resolution = WitTestKit.ResolveOk(app, io1, io2);
        var read = WitTestKit.Interface(app, "reader").Functions[0];
        var stream = resolution.Resolve(read.Params[0].Type)!;
        Assert.Equal("wasi:io/streams@0.2.1", stream.OwnerQualifiedName);
        Assert.Same(io2.Interfaces[0], stream.OwnerInterface);
        Assert.IsType<WitResource>(stream.Definition);
    }

    [Fact]
    public void Transitive_aliases_and_use_chains()
    {
        var doc = Parse("""
            package local:chain;
            interface a { record base { v: u32 } type a1 = base; }
            interface b { use a.{a1}; type b1 = a1; }
            interface c { use b.{b1 as c1}; f: func(x: c1); }
            """);
        var resolution = WitTestKit.ResolveOk(doc);
        var c = WitTestKit.Interface(doc, "c");
        var direct = resolution.Resolve(c.Functions[0].Params[0].Type)!;
        Assert.Equal("b1", direct.Definition.Name);
        Assert.Equal("local:chain/b", direct.OwnerQualifiedName);

        var final = resolution.ResolveAliases(direct);
        Assert.IsType<WitRecord>(final.Definition);
        Assert.Equal("local:chain/a", final.OwnerQualifiedName);
        Assert.Same(final.Definition, resolution.ResolveAliases(direct.Definition));
        Assert.Equal("local:chain/a", resolution.OwnerOf(final.Definition)!.OwnerQualifiedName);
    }

    [Fact]
    public void Top_level_use_names_an_interface_for_the_file()
    {
        var http = Parse("package wasi:http@0.2.0;\ninterface types { resource request; }", "http.wit");
        var app = Parse("""
            package my:app;
            use wasi:http/types@0.2.0 as http-types;
            interface handler {
                use http-types.{request};
                handle: func(r: request);
            }
            world w { import http-types; }
            """, "app.wit");
        var resolution = WitTestKit.ResolveOk(app, http);
        Assert.Equal("wasi:http/types@0.2.0", resolution.Resolve(app.Interfaces[0].Functions[0].Params[0].Type)!.OwnerQualifiedName);
        Assert.Same(http.Interfaces[0], resolution.ResolveInterface(app.Worlds[0].Items[0].InterfaceRef!));
    }

    [Fact]
    public void Worlds_resolve_their_types_includes_and_inline_interfaces()
    {
        var doc = Parse("""
            package local:w;
            interface types { record user { id: u32 } }
            world base { import types; }
            world full {
                include base;
                use types.{user};
                record point { x: s32 }
                export origin: func() -> point;
                import host: interface {
                    log: func(u: user);
                }
            }
            """);
        var resolution = WitTestKit.ResolveOk(doc);
        var full = doc.Worlds[1];
        var origin = resolution.Resolve(full.Items[0].Function!.Result!)!;
        Assert.Same(full, origin.OwnerWorld);
        Assert.Equal("local:w/full", origin.OwnerQualifiedName);
        Assert.Same(doc.Worlds[0], resolution.ResolveWorld(full.Includes[0].World));
        var log = full.Items[1].InlineInterface!.Functions[0];
        Assert.Equal("local:w/types", resolution.Resolve(log.Params[0].Type)!.OwnerQualifiedName);
        Assert.NotNull(resolution.Lookup(full, "user"));
        Assert.Equal("local:w/full", resolution.QualifiedName(full));
    }

    [Fact]
    public void Nested_packages_are_packages_of_their_own()
    {
        var doc = Parse("""
            package local:root;
            package local:dep@1.0.0 {
                interface types { enum color { red, green } }
            }
            interface api {
                use local:dep/types@1.0.0.{color};
                paint: func(c: color);
            }
            """);
        var resolution = WitTestKit.ResolveOk(doc);
        Assert.Equal("local:dep/types@1.0.0", resolution.Resolve(doc.Interfaces[0].Functions[0].Params[0].Type)!.OwnerQualifiedName);
    }

    [Fact]
    public void Signature_block_with_types_beside_functions()
    {
        var result = WitParser.ParseSignatures("""
            record user { id: u32, name: string }
            type users = list<user>;
            transform-users: func(users: users) -> list<user>;
            """, "_index.yaml");
        var anonymous = result.Document!.Interfaces[0];
        var resolution = WitTestKit.ResolveOk(result.Document);

        var f = anonymous.Functions[0];
        var param = resolution.Resolve(f.Params[0].Type)!;
        Assert.Equal("users", param.Definition.Name);
        Assert.Equal("", param.OwnerQualifiedName);
        Assert.Same(anonymous, param.OwnerInterface);
        // 'users' aliases list<user>, not a name, so it is where the alias chain ends.
        Assert.Equal("users", resolution.ResolveAliases(param).Definition.Name);

        var refs = resolution.ReferencesIn(f.Result);
        var user = Assert.Single(refs);
        Assert.Equal("user", user.Value!.Definition.Name);
        Assert.Same(resolution.Lookup(anonymous, "user"), user.Value.Definition);
    }

    [Fact]
    public void Signature_block_can_use_a_package_interface()
    {
        var io = Parse("package wasi:io@0.2.0;\ninterface streams { resource input-stream; }", "io.wit");
        var sig = WitParser.ParseSignatures("use wasi:io/streams@0.2.0.{input-stream};\nread-all: func(s: borrow<input-stream>) -> list<u8>;", "_index.yaml").Document!;
        var resolution = WitTestKit.ResolveOk(sig, io);
        var resolved = resolution.Resolve(sig.Interfaces[0].Functions[0].Params[0].Type)!;
        Assert.Equal("wasi:io/streams@0.2.0", resolved.OwnerQualifiedName);
    }

    [Fact]
    public void Undefined_type()
    {
        var doc = WitParser.ParseSignatures("f: func(a: u32, b: missing-type);", "_index.yaml", firstLine: 10, firstColumnOffset: 4).Document!;
        var d = Assert.Single(WitResolver.Resolve(new[] { doc }).Diagnostics);
        Assert.Equal(WitDiagnosticIds.UndefinedType, d.Id);
        Assert.Equal((10, 24), (d.Position.Line, d.Position.Column));
        Assert.Contains("'missing-type'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_interface_package_version_and_world()
    {
        var io = Parse("package wasi:io@0.2.0;\ninterface streams { resource input-stream; }", "io.wit");
        var doc = Parse("""
            package my:app;
            interface a {
                use nowhere.{x};
                use wasi:io/streams@9.9.9.{input-stream};
                use wasi:nope/streams.{y};
                use wasi:io/not-there.{z};
            }
            world w { include missing-world; }
            """, "app.wit");
        var diagnostics = WitResolver.Resolve(new[] { doc, io }).Diagnostics;
        Assert.Equal(
            new[]
            {
                (WitDiagnosticIds.UndefinedInterface, 3),
                (WitDiagnosticIds.UndefinedPackage, 4),
                (WitDiagnosticIds.UndefinedPackage, 5),
                (WitDiagnosticIds.UndefinedInterface, 6),
                (WitDiagnosticIds.UndefinedWorld, 8),
            },
            diagnostics.Select(d => (d.Id, d.Position.Line)));
        Assert.Equal(9, diagnostics[0].Position.Column);
        Assert.Contains("found wasi:io@0.2.0", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_of_a_name_the_interface_does_not_define()
    {
        var doc = Parse("package a:b;\ninterface t { type x = u32; }\ninterface u { use t.{x, y}; }");
        var d = Assert.Single(WitResolver.Resolve(new[] { doc }).Diagnostics);
        Assert.Equal(WitDiagnosticIds.UseOfUnknownName, d.Id);
        Assert.Equal((3, 25), (d.Position.Line, d.Position.Column));
    }

    [Fact]
    public void Duplicate_names()
    {
        var doc = Parse("package a:b;\ninterface t { type x = u32; record x { a: u32 } }\ninterface t {}\nworld t {}");
        var diagnostics = WitResolver.Resolve(new[] { doc }).Diagnostics;
        Assert.Equal(new[] { 3, 4, 2 }, diagnostics.Select(d => d.Position.Line));
        Assert.All(diagnostics, d => Assert.Equal(WitDiagnosticIds.DuplicateName, d.Id));
    }

    [Fact]
    public void Alias_cycle()
    {
        var doc = Parse("package a:b;\ninterface t {\n  type x = y;\n  type y = x;\n}");
        var d = Assert.Single(WitResolver.Resolve(new[] { doc }).Diagnostics);
        Assert.Equal(WitDiagnosticIds.Cycle, d.Id);
        Assert.Equal(3, d.Position.Line);
        Assert.Contains("x -> y -> x", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_cycle()
    {
        var doc = Parse("package a:b;\ninterface p { use q.{t}; }\ninterface q { use p.{t}; }");
        var diagnostics = WitResolver.Resolve(new[] { doc }).Diagnostics;
        Assert.Contains(diagnostics, d => d.Id == WitDiagnosticIds.Cycle);
    }

    [Fact]
    public void Handle_to_something_that_is_not_a_resource()
    {
        var doc = WitParser.ParseSignatures("record r { a: u32 }\nf: func(x: borrow<r>);", "_index.yaml").Document!;
        var d = Assert.Single(WitResolver.Resolve(new[] { doc }).Diagnostics);
        Assert.Equal(WitDiagnosticIds.HandleToNonResource, d.Id);
        Assert.Equal((2, 12), (d.Position.Line, d.Position.Column));
    }

    [Fact]
    public void Handle_through_an_alias_of_a_resource_is_fine()
    {
        var doc = WitParser.ParseSignatures("resource blob;\ntype b = blob;\nf: func(x: borrow<b>) -> own<blob>;", "_index.yaml").Document!;
        var resolution = WitTestKit.ResolveOk(doc);
        Assert.IsType<WitResource>(resolution.ResolveAliases(resolution.Resolve(doc.Interfaces[0].Functions[0].Params[0].Type)!).Definition);
    }

    [Fact]
    public void Unversioned_use_of_a_package_given_in_two_versions_is_ambiguous()
    {
        var v1 = Parse("package wasi:io@0.2.0;\ninterface streams { resource s; }", "1.wit");
        var v2 = Parse("package wasi:io@0.2.1;\ninterface streams { resource s; }", "2.wit");
        var sig = WitParser.ParseSignatures("use wasi:io/streams.{s};", "_index.yaml").Document!;
        var d = Assert.Single(WitResolver.Resolve(new[] { sig, v1, v2 }).Diagnostics);
        Assert.Equal(WitDiagnosticIds.UndefinedPackage, d.Id);
        Assert.Contains("several versions", d.Message, StringComparison.Ordinal);
    }
}
