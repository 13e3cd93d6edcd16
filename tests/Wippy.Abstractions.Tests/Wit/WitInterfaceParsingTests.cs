using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>Interfaces: functions, <c>use</c>, gates, doc comments and escaped keywords.</summary>
public sealed class WitInterfaceParsingTests
{
    [Fact]
    public void Interface_with_functions_and_types()
    {
        var doc = WitTestKit.ParseOk("""
            package local:demo;

            interface host {
                type size = u32;
                log: func(msg: string);
                add: func(a: s32, b: s32) -> s32;
                fetch: async func(url: string) -> result<list<u8>, string>;
            }
            """);
        var host = Assert.Single(doc.Interfaces);
        Assert.Equal("host", host.Name);
        Assert.Single(host.TypeDefs);
        Assert.Equal(new[] { "log", "add", "fetch" }, host.Functions.Select(f => f.Name));
        var log = host.Functions[0];
        Assert.Equal(WitFunctionKind.Freestanding, log.Kind);
        Assert.Null(log.Result);
        Assert.False(log.IsAsync);
        Assert.Equal(2, host.Functions[1].Params.Count);
        Assert.True(host.Functions[2].IsAsync);
        Assert.Equal((3, 1, 8, 2), (host.Position.Line, host.Position.Column, host.Position.EndLine, host.Position.EndColumn));
    }

    [Fact]
    public void Use_with_renames_and_qualified_paths()
    {
        var doc = WitTestKit.ParseOk("""
            interface consumer {
                use types.{a, b as c};
                use wasi:io/streams@0.2.0.{input-stream, output-stream as out};
                use wasi:clocks/wall-clock.{datetime};
            }
            """);
        var uses = Assert.Single(doc.Interfaces).Uses;
        Assert.Equal(3, uses.Count);

        Assert.False(uses[0].Path.IsQualified);
        Assert.Equal("types", uses[0].Path.InterfaceName);
        Assert.Equal(new[] { ("a", (string?)null), ("b", "c") }, uses[0].Names.Select(n => (n.Name, n.Alias)));
        Assert.Equal("c", uses[0].Names[1].LocalName);

        var streams = uses[1].Path;
        Assert.Equal(("wasi", "io", "streams", "0.2.0"), (streams.PackageNamespace, streams.PackageName, streams.InterfaceName, streams.Version));
        Assert.Equal("wasi:io/streams@0.2.0", streams.ToString());
        Assert.Equal("out", uses[1].Names[1].LocalName);

        Assert.Null(uses[2].Path.Version);
        Assert.Equal("wall-clock", uses[2].Path.InterfaceName);
    }

    [Fact]
    public void Prerelease_versions_in_paths()
    {
        var doc = WitTestKit.ParseOk("""
            interface i {
                use wasi:io/poll@0.2.0-rc-2023-11-10.{pollable};
            }
            """);
        Assert.Equal("0.2.0-rc-2023-11-10", doc.Interfaces[0].Uses[0].Path.Version);
    }

    [Fact]
    public void Gates_on_interfaces_and_items()
    {
        var doc = WitTestKit.ParseOk("""
            package examples:calc@0.1.2;

            @since(version = 0.1.0)
            interface calc {
                @since(version = 0.1.0)
                add: func(x: s32, y: s32) -> s32;

                @unstable(feature = fancy-minus)
                sub: func(x: s32, y: s32) -> s32;

                @since(version = 0.1.0)
                @deprecated(version = 0.1.2)
                add-one: func(x: s32) -> s32;

                @since(version = 0.1.0)
                use types.{t};

                @since(version = 0.1.0)
                record r { a: u32 }
            }
            """);
        var calc = Assert.Single(doc.Interfaces);
        Assert.Equal(new[] { (WitGateKind.Since, "0.1.0") }, calc.Gates.Select(g => (g.Kind, g.Value)));
        Assert.Equal((WitGateKind.Unstable, "fancy-minus"), (calc.Functions[1].Gates[0].Kind, calc.Functions[1].Gates[0].Value));
        Assert.Equal(new[] { WitGateKind.Since, WitGateKind.Deprecated }, calc.Functions[2].Gates.Select(g => g.Kind));
        Assert.Equal("0.1.2", calc.Functions[2].Gates[1].Value);
        Assert.Single(calc.Uses[0].Gates);
        Assert.Single(calc.TypeDefs[0].Gates);
        Assert.Equal("@deprecated(version = 0.1.2)", calc.Functions[2].Gates[1].ToString());
    }

    [Fact]
    public void Old_since_with_feature_and_external_id_are_accepted()
    {
        var doc = WitTestKit.ParseOk("""
            interface i {
                @since(version = 0.2.1, feature = foo)
                a: func();
                @external-id("DB.Bar")
                b: func();
            }
            """);
        Assert.Equal("0.2.1", doc.Interfaces[0].Functions[0].Gates[0].Value);
        Assert.Empty(doc.Interfaces[0].Functions[1].Gates);
    }

    [Fact]
    public void Doc_comments_line_and_block_forms()
    {
        var doc = WitTestKit.ParseOk("""
            /// The host.
            /// Second line.
            interface host {
                /**
                 * Logs a message.
                 */
                log: func(msg: string);

                // A plain comment is not documentation.
                /* neither /* nested */ is this */
                plain: func();

                /// Before the gate.
                @since(version = 1.0.0)
                gated: func();
            }
            """);
        var host = Assert.Single(doc.Interfaces);
        Assert.Equal("The host.\nSecond line.", host.Docs);
        Assert.Equal("Logs a message.", host.Functions[0].Docs);
        Assert.Null(host.Functions[1].Docs);
        Assert.Equal("Before the gate.", host.Functions[2].Docs);
    }

    [Fact]
    public void Percent_escaped_keywords_are_names()
    {
        var doc = WitTestKit.ParseOk("""
            interface %interface {
                record %record { %type: u32, %list: string }
                %func: func(%string: string) -> %record;
            }
            """);
        var i = Assert.Single(doc.Interfaces);
        Assert.Equal("interface", i.Name);
        var record = Assert.IsType<WitRecord>(i.TypeDefs[0]);
        Assert.Equal("record", record.Name);
        Assert.Equal(new[] { "type", "list" }, record.Fields.Select(f => f.Name));
        var func = i.Functions[0];
        Assert.Equal("func", func.Name);
        Assert.Equal("string", func.Params[0].Name);
        Assert.Equal("record", Assert.IsType<WitNamedType>(func.Result).Name);
    }

    [Fact]
    public void Uppercase_acronym_words_are_valid_identifiers()
    {
        var doc = WitTestKit.ParseOk("interface i { enum e { HTTP-request-URI-too-long, ok } }");
        Assert.Equal("HTTP-request-URI-too-long", ((WitEnum)doc.Interfaces[0].TypeDefs[0]).Cases[0].Name);
    }

    [Fact]
    public void Multi_line_parameters_with_trailing_comma()
    {
        var doc = WitTestKit.ParseOk("""
            interface i {
                read: func(
                    len: u64,
                ) -> result<list<u8>, string>;
            }
            """);
        Assert.Single(doc.Interfaces[0].Functions[0].Params);
    }
}
