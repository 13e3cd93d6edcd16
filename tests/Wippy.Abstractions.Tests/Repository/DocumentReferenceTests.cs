using Wippy.Abstractions.Tests.Wit;

namespace Wippy.Abstractions.Tests.Repository;

/// <summary>
/// The repository explains itself: every reference in its code, comments, tests, samples and docs points at a
/// document that is in it (a <c>docs/</c> file and, when given, a heading of it), never at one that is not.
/// </summary>
public sealed class DocumentReferenceTests
{
    // Written in pieces so that this file does not cite them itself.
    private static readonly string Spec = "SPEC " + "§";
    private static readonly string Notes = "NO" + "TES";
    private static readonly string Shared = "../" + "shared/";

    // Example lines write {docs} for the docs folder, so that this file's own references stay resolvable.
    private static string Line(string example) => example.Replace("{docs}", "docs", StringComparison.Ordinal);

    [Fact]
    public void Every_reference_in_the_repository_points_at_an_existing_docs_section()
    {
        var root = WitFixtures.RepoRoot();
        var files = RepositoryTextFiles.Under(root);
        Assert.Contains("docs/registry.md", files);
        Assert.Contains("src/Wippy.Abstractions/Registry/PoolConfig.cs", files);
        Assert.DoesNotContain(files, f => f.Contains("/node_modules/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));

        var checker = new DocumentReferenceChecker(path => File.Exists(Path.Combine(root, path)) ? File.ReadAllText(Path.Combine(root, path)) : null);
        var dangling = files.SelectMany(file => checker.Check(file, File.ReadAllText(Path.Combine(root, file)))).ToList();

        Assert.True(dangling.Count == 0,
            $"{dangling.Count} reference(s) in {dangling.Select(d => d.File).Distinct().Count()} file(s) point at no document of the repository; "
            + "point each at the docs/ file and section that holds what it relies on (write that section first when none does):\n"
            + string.Join("\n", dangling));
    }

    [Fact]
    public void Citations_of_documents_outside_the_repository_are_reported_with_file_and_line()
    {
        var found = Checker().Check("src/X.cs", $"line one\n/// <summary>The pool ({Spec}4).</summary>\n// see {Notes}\nx = \"{Shared}data\";\n").ToList();

        Assert.Equal([2, 3, 4], found.Select(d => d.Line));
        Assert.All(found, d => Assert.Equal("src/X.cs", d.File));
        Assert.Contains(Spec, found[0].Problem, StringComparison.Ordinal);
        Assert.Contains(Notes, found[1].Problem, StringComparison.Ordinal);
        Assert.Contains(Shared, found[2].Problem, StringComparison.Ordinal);
        Assert.StartsWith("src/X.cs:2: ", found[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("// notes.txt, the release notes, FOOTNOTES")]
    [InlineData("// {docs}/registry.md, {docs}/registry.md#pools, {docs}/registry.md#explicit")]
    [InlineData("help: \"{docs}/registry.md#\" + id")]
    [InlineData("// see my{docs}/missing.md")]
    public void References_that_resolve_are_not_reported(string line) =>
        Assert.Empty(Checker().Check("src/X.cs", Line(line)));

    [Theory]
    [InlineData("// {docs}/missing.md", "{docs}/missing.md does not exist")]
    [InlineData("// {docs}/registry.md#nope", "{docs}/registry.md has no heading or <a id> whose anchor is #nope")]
    [InlineData("// {docs}/registry.md#Pools", "whose anchor is #Pools")]
    [InlineData("// see ../{docs}/missing.md#x", "{docs}/missing.md does not exist")]
    public void Docs_references_to_a_missing_file_or_anchor_are_reported(string line, string problem)
    {
        var found = Assert.Single(Checker().Check("benchmarks/X.cs", Line(line)));
        Assert.Contains(Line(problem), found.Problem, StringComparison.Ordinal);
        Assert.Equal(1, found.Line);
    }

    [Theory]
    [InlineData("[pools](registry.md#pools) and [top](#registry) and [readme](../README.md) and [web](https://example.com/x.md#y)", null)]
    [InlineData("[pools](registry.md#pool)", "registry.md#pool: {docs}/registry.md has no heading")]
    [InlineData("[x](other.md)", "other.md: {docs}/other.md does not exist")]
    [InlineData("[here](#nowhere)", "#nowhere: {docs}/registry.md has no heading")]
    [InlineData("[out](../../x.md)", "outside the repository")]
    public void Markdown_links_are_resolved_against_the_file_that_holds_them(string line, string? problem)
    {
        var found = Checker().Check("docs/registry.md", line).ToList();
        if (problem is null) Assert.Empty(found);
        else Assert.Contains(Line(problem), Assert.Single(found).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_in_other_files_than_markdown_are_not_read_as_links() =>
        Assert.Empty(Checker().Check("src/X.cs", "var y = a[i](other.md);"));

    [Theory]
    [InlineData("Workers (pools)", "workers-pools")]
    [InlineData("`function.wat`", "functionwat")]
    [InlineData("`env.storage.*`", "envstorage")]
    [InlineData("Kinds not run yet", "kinds-not-run-yet")]
    [InlineData("Lua: `LuaBenchmarks` (commit `26a94ea`)", "lua-luabenchmarks-commit-26a94ea")]
    [InlineData("Values: WIT ⇄ C# ⇄ JSON ⇄ Lua", "values-wit--c--json--lua")]
    [InlineData("runtime.md, [WASI](runtime.md#wasi)", "runtimemd-wasi")]
    [InlineData("snake_case and <code>x</code>", "snake_case-and-x")]
    public void A_heading_anchor_is_the_one_GitHub_makes(string heading, string anchor) =>
        Assert.Equal(anchor, MarkdownAnchors.Slug(heading));

    [Fact]
    public void Anchors_come_from_headings_outside_code_and_from_explicit_ids()
    {
        var anchors = MarkdownAnchors.Of("# Title\n## Same\n## Same\n```sh\n# not a heading\n```\n## C#\n<a id=\"by-hand\"></a>\n#nospace\n    ## Indented code\n### Closed ###\n");

        Assert.Equal(["by-hand", "c", "closed", "same", "same-1", "title"], anchors.Order(StringComparer.Ordinal));
    }

    private static DocumentReferenceChecker Checker() => new(path => path switch
    {
        "docs/registry.md" => "# Registry\n## Pools\n<a id=\"explicit\"></a>\n",
        "README.md" => "# Readme\n",
        _ => null,
    });
}
