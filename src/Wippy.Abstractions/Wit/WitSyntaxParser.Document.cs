using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>The top level of a file: the package declaration, top-level <c>use</c>, interfaces, worlds and nested packages.</summary>
internal sealed partial class WitSyntaxParser
{
    /// <summary>Parses a whole WIT file.</summary>
    public WitDocument ParseDocument()
    {
        var first = Current;
        WitPackageName? package = null;
        var uses = new List<WitTopLevelUse>();
        var interfaces = new List<WitInterface>();
        var worlds = new List<WitWorld>();
        var nested = new List<WitNestedPackage>();
        bool sawItem = false;
        while (!AtEnd && !TooManyErrors)
        {
            ParseItemRecovering(() =>
            {
                var docs = Current.Docs;
                var gates = ParseGates();
                docs = WitSyntaxDocs.Merge(docs, gates.Count > 0 ? Current.Docs : null);
                if (AtKeyword("package"))
                {
                    var packageToken = Advance();
                    var name = ParsePackageName();
                    if (At(WitTokenKind.LeftBrace))
                    {
                        nested.Add(ParseNestedPackageBody(name, docs, packageToken));
                    }
                    else
                    {
                        Expect(WitTokenKind.Semicolon, "after the package name");
                        if (sawItem || package is not null)
                        {
                            Report(WitDiagnosticIds.MisplacedPackage, "'package " + name + ";' must be the first item of the file and written once; write 'package " + name + " { ... }' for a nested package", name.Position);
                        }
                        package ??= name;
                    }
                }
                else
                {
                    ParseContainerItem(docs, gates, uses, interfaces, worlds, "'package', 'interface', 'world' or 'use'");
                }
                sawItem = true;
            });
        }
        return new WitDocument(_filePath, package, uses, interfaces, worlds, nested, SpanFrom(first));
    }

    /// <summary>One item allowed at the top level or in a nested package: top-level use, interface or world.</summary>
    private void ParseContainerItem(string? docs, IReadOnlyList<WitGate> gates, List<WitTopLevelUse> uses, List<WitInterface> interfaces, List<WitWorld> worlds, string expected)
    {
        if (AtKeyword("use")) uses.Add(ParseTopLevelUse());
        else if (AtKeyword("interface")) interfaces.Add(ParseInterface(docs, gates));
        else if (AtKeyword("world")) worlds.Add(ParseWorld(docs, gates));
        else throw Fail("expected " + expected);
    }

    private WitNestedPackage ParseNestedPackageBody(WitPackageName name, string? docs, WitToken packageToken)
    {
        Expect(WitTokenKind.LeftBrace, "after the package name");
        var uses = new List<WitTopLevelUse>();
        var interfaces = new List<WitInterface>();
        var worlds = new List<WitWorld>();
        while (!At(WitTokenKind.RightBrace) && !AtEnd && !TooManyErrors)
        {
            ParseItemRecovering(() =>
            {
                var itemDocs = Current.Docs;
                var gates = ParseGates();
                itemDocs = WitSyntaxDocs.Merge(itemDocs, gates.Count > 0 ? Current.Docs : null);
                ParseContainerItem(itemDocs, gates, uses, interfaces, worlds, "'interface', 'world', 'use' or '}' in the nested package");
            });
        }
        Expect(WitTokenKind.RightBrace, "to close the nested package '" + name + "'");
        return new WitNestedPackage(name, uses, interfaces, worlds, docs, SpanFrom(packageToken));
    }

    /// <summary><c>ns:name</c>, <c>ns:name@1.2.3</c>, or with nested namespaces <c>a:b:c/d@1.0.0</c>.</summary>
    private WitPackageName ParsePackageName()
    {
        var first = Current;
        var namespaces = new List<string> { ExpectIdentifier("a package namespace (as in 'package my-ns:my-package;')") };
        Expect(WitTokenKind.Colon, "between the package namespace and name (as in 'package my-ns:my-package;')");
        namespaces.Add(ExpectIdentifier("a package name after ':'"));
        while (Accept(WitTokenKind.Colon)) namespaces.Add(ExpectIdentifier("a package name after ':'"));
        string name = namespaces[namespaces.Count - 1];
        namespaces.RemoveAt(namespaces.Count - 1);
        while (Accept(WitTokenKind.Slash)) name += "/" + ExpectIdentifier("a nested package name after '/'");
        string? version = Accept(WitTokenKind.At) ? ParseVersion() : null;
        return new WitPackageName(string.Join(":", namespaces), name, version, SpanFrom(first));
    }

    /// <summary><c>use path;</c> or <c>use path as name;</c> at the top level.</summary>
    private WitTopLevelUse ParseTopLevelUse()
    {
        var first = Advance();
        var path = ParseUsePath("an interface name after 'use'");
        string? alias = AcceptKeyword("as") ? ExpectIdentifier("a name after 'as'") : null;
        Expect(WitTokenKind.Semicolon, "after the top-level 'use'");
        return new WitTopLevelUse(path, alias, SpanFrom(first));
    }

    /// <summary>
    /// An interface (or world) name: <c>name</c>, <c>ns:pkg/name</c>, <c>ns:pkg/name@1.2.3</c>, or
    /// <c>a:b:c/d/name@1.0.0</c> with nested namespaces and packages.
    /// </summary>
    private WitUsePath ParseUsePath(string what)
    {
        var first = Current;
        string head = ExpectIdentifier(what);
        if (!At(WitTokenKind.Colon))
        {
            return new WitUsePath(null, null, head, null, SpanFrom(first));
        }
        var packageParts = new List<string> { head };
        while (Accept(WitTokenKind.Colon)) packageParts.Add(ExpectIdentifier("a package name after ':'"));
        Expect(WitTokenKind.Slash, "between the package and the interface name (as in 'wasi:io/streams')");
        var pathParts = new List<string> { ExpectIdentifier("an interface name after '/'") };
        while (Accept(WitTokenKind.Slash)) pathParts.Add(ExpectIdentifier("a name after '/'"));
        string? version = Accept(WitTokenKind.At) ? ParseVersion() : null;
        string ns = string.Join(":", packageParts.GetRange(0, packageParts.Count - 1));
        string package = packageParts[packageParts.Count - 1];
        for (int i = 0; i < pathParts.Count - 1; i++) package += "/" + pathParts[i];
        return new WitUsePath(ns, package, pathParts[pathParts.Count - 1], version, SpanFrom(first));
    }

    /// <summary>A semantic version token; an invalid one is reported (WIPPY0105) and still returned.</summary>
    private string ParseVersion()
    {
        if (!At(WitTokenKind.Number)) throw Fail("expected a version (as in '1.0.0')", WitDiagnosticIds.InvalidVersion);
        var token = Advance();
        if (!WitSemver.IsValid(token.Text))
        {
            Report(WitDiagnosticIds.InvalidVersion, "'" + token.Text + "' is not a semantic version (write MAJOR.MINOR.PATCH, as in '1.0.0' or '0.2.0-rc.1')", token);
        }
        return token.Text;
    }
}
