using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>
/// The proof: the WASI 0.2 packages as shipped in <c>@bytecodealliance/jco@1.35.0</c>
/// (<c>lib/wit/builtin/0.2.12/wasi-*/package.wit</c>, installed by <c>tests/install-wit-fixtures.sh</c>)
/// parse with no diagnostic, resolve together with their dependencies with no diagnostic, and hold the
/// expected numbers of interfaces, worlds and functions.
/// </summary>
public sealed class WasiFixtureTests
{
    /// <summary>
    /// Expected counts, counted independently of the parser with grep on each package.wit:
    /// interfaces = <c>grep -cE '^\s*interface [a-z]'</c>, worlds = <c>grep -cE '^\s*world '</c>,
    /// functions = <c>grep -cE ':\s*(static\s+)?(async\s+)?func\s*\('</c> plus constructors
    /// <c>grep -cE '^\s*constructor\s*\('</c> (functions of interfaces including resource methods, static
    /// functions and constructors; no world of these packages declares a function of its own).
    /// Direct dependencies from <c>grep -oE 'wasi:[a-z]+'</c>.
    /// </summary>
    public static TheoryData<string, int, int, int, string[]> Packages => new()
    {
        { "io", 3, 1, 19, Array.Empty<string>() },
        { "clocks", 3, 1, 8, new[] { "io" } },
        { "random", 3, 1, 5, Array.Empty<string>() },
        { "filesystem", 2, 1, 30, new[] { "io", "clocks" } },
        { "sockets", 7, 1, 53, new[] { "io", "clocks" } },
        { "cli", 11, 2, 12, new[] { "io", "clocks", "filesystem", "sockets", "random" } },
        { "http", 3, 2, 50 + 4, new[] { "io", "clocks", "random", "cli" } },
    };

    private static readonly Dictionary<string, string[]> DirectDeps = new()
    {
        ["io"] = Array.Empty<string>(),
        ["clocks"] = new[] { "io" },
        ["random"] = Array.Empty<string>(),
        ["filesystem"] = new[] { "io", "clocks" },
        ["sockets"] = new[] { "io", "clocks" },
        ["cli"] = new[] { "io", "clocks", "filesystem", "sockets", "random" },
        ["http"] = new[] { "io", "clocks", "random", "cli" },
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Wasi_0_2_package_parses_and_has_the_expected_counts(string package, int interfaces, int worlds, int functions, string[] deps)
    {
        Assert.Equal(deps, DirectDeps[package]);
        var documents = ParsePackage(package);
        Assert.All(documents, d => Assert.Equal("wasi:" + package + "@0.2.12", d.Package?.ToString()));
        Assert.Equal(interfaces, documents.Sum(d => d.Interfaces.Count));
        Assert.Equal(worlds, documents.Sum(d => d.Worlds.Count));
        Assert.Equal(functions, documents.Sum(d => d.Interfaces.Sum(CountFunctions)));
        Assert.Equal(0, documents.Sum(d => d.Worlds.Sum(w => w.Items.Count(i => i.Function is not null))));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Wasi_0_2_package_resolves_with_its_dependencies(string package, int interfaces, int worlds, int functions, string[] deps)
    {
        _ = (interfaces, worlds, functions, deps);
        var documents = new List<WitDocument>(ParsePackage(package));
        foreach (string dep in TransitiveDeps(package)) documents.AddRange(ParsePackage(dep));

        var resolution = WitTestKit.ResolveOk(documents.ToArray());

        // Every reference written in the package's functions and types leads to a definition.
        foreach (var @interface in documents.Where(d => d.Package!.Name == package).SelectMany(d => d.Interfaces))
        {
            foreach (var function in @interface.Functions.Concat(@interface.TypeDefs.OfType<WitResource>().SelectMany(r => r.Functions)))
            {
                foreach (var type in function.Params.Select(p => p.Type).Append(function.Result))
                {
                    Assert.All(resolution.ReferencesIn(type), r => Assert.NotNull(r.Value));
                }
            }
        }
    }

    [Fact]
    public void All_wasi_0_2_packages_resolve_together()
    {
        var documents = DirectDeps.Keys.SelectMany(ParsePackage).ToArray();
        var resolution = WitTestKit.ResolveOk(documents);

        var streams = documents.Single(d => d.Package!.Name == "cli").Interfaces.Single(i => i.Name == "stdin");
        var inputStream = resolution.LookupResolved(streams, "input-stream");
        Assert.NotNull(inputStream);
        Assert.IsType<WitResource>(inputStream!.Definition);
        Assert.Equal("wasi:io/streams@0.2.12", inputStream.OwnerQualifiedName);
    }

    [Fact]
    public void A_package_without_its_dependencies_reports_each_missing_package()
    {
        var resolution = WitResolver.Resolve(ParsePackage("cli"));
        Assert.NotEmpty(resolution.Diagnostics);
        Assert.All(resolution.Diagnostics, d => Assert.Equal(WitDiagnosticIds.UndefinedPackage, d.Id));
        var missing = resolution.Diagnostics.Select(d => d.Message.Split('\'')[1]).Distinct().OrderBy(m => m, StringComparer.Ordinal);
        Assert.Equal(new[] { "wasi:clocks@0.2.12", "wasi:filesystem@0.2.12", "wasi:io@0.2.12", "wasi:random@0.2.12", "wasi:sockets@0.2.12" }, missing);
    }

    [Fact]
    public void Every_wit_file_of_the_fixture_package_parses()
    {
        // All of lib/wit/builtin: WASI 0.2.10, 0.2.12 and 0.3.0 (async, future, stream), jco's node
        // packages and the wasi-tls draft.
        string root = WitFixtures.BuiltinRoot();
        var files = Directory.GetFiles(root, "*.wit", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        Assert.True(files.Length >= 40, "found only " + files.Length + " .wit files");
        foreach (string file in files)
        {
            var result = WitParser.Parse(File.ReadAllText(file), file);
            Assert.True(result.Diagnostics.Count == 0, WitTestKit.Describe(result.Diagnostics));
        }
    }

    [Fact]
    public void Wasi_0_3_packages_resolve_together()
    {
        string root = Path.Combine(WitFixtures.BuiltinRoot(), "0.3.0");
        var documents = Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => WitParser.Parse(File.ReadAllText(Path.Combine(d, "package.wit")), d).Document!)
            .ToArray();
        WitTestKit.ResolveOk(documents);
    }

    private static int CountFunctions(WitInterface @interface) =>
        @interface.Functions.Count + @interface.TypeDefs.OfType<WitResource>().Sum(r => r.Functions.Count);

    private static IEnumerable<string> TransitiveDeps(string package)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(DirectDeps[package]);
        while (pending.Count > 0)
        {
            string next = pending.Pop();
            if (!seen.Add(next)) continue;
            foreach (string dep in DirectDeps[next]) pending.Push(dep);
        }
        return seen;
    }

    private static IReadOnlyList<WitDocument> ParsePackage(string package)
    {
        string dir = Path.Combine(WitFixtures.BuiltinRoot(), "0.2.12", "wasi-" + package);
        var files = Directory.GetFiles(dir, "*.wit");
        Array.Sort(files, StringComparer.Ordinal);
        Assert.NotEmpty(files);
        return files.Select(f =>
        {
            var result = WitParser.Parse(File.ReadAllText(f), f);
            Assert.True(result.Diagnostics.Count == 0, WitTestKit.Describe(result.Diagnostics));
            return result.Document!;
        }).ToList();
    }
}
