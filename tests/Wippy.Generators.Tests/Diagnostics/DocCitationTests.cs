using System.Text.RegularExpressions;
using Wippy.Diagnostics;
using Wippy.Modules;
using Wippy.Registry;
using Wippy.Generators.Tests.Support;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>
/// The diagnostic ids the docs cite outside docs/diagnostics.md: each one exists (and is not retired), and the claims
/// below (a doc sentence naming the condition and an id) cite the id the code reports for that condition, the
/// constant the build step and the generator use (their own tests show they report it).
/// </summary>
public sealed class DocCitationTests
{
    private static readonly Regex Id = new(@"WIPPY\d{4}", RegexOptions.CultureInvariant);

    /// <summary>The docs and the README; docs/diagnostics.md (the list itself, with id ranges) has tests of its own.</summary>
    private static IEnumerable<string> Documents() =>
        Directory.GetFiles(RepoPaths.Combine("docs"), "*.md").Where(f => Path.GetFileName(f) != "diagnostics.md").Append(RepoPaths.Combine("README.md"));

    [Fact]
    public void Every_id_the_docs_cite_is_in_the_catalogue_and_not_retired()
    {
        var problems = new List<string>();
        foreach (var file in Documents())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in Id.Matches(lines[i]))
                {
                    var entry = DiagnosticCatalog.Find(m.Value);
                    if (entry is null) problems.Add($"{Path.GetFileName(file)}:{i + 1}: {m.Value} is not a diagnostic id");
                    else if (entry.IsRetired) problems.Add($"{Path.GetFileName(file)}:{i + 1}: {m.Value} is retired");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>(doc, a phrase of it that names a condition, the id the code reports for that condition).</summary>
    public static TheoryData<string, string, string> Claims => new()
    {
        { "components.md", "A name the component does not export is a build error at the `method:` line (WIPPY0204)", ModuleDiagnosticIds.ExportNotFound },
        { "registry.md", "export is an error that lists the functions it does export (WIPPY0204)", ModuleDiagnosticIds.ExportNotFound },
        { "runtime.md", "any other name is the build error WIPPY0017", RegistryDiagnosticIds.UnknownImport },
        { "runtime.md", "gets the build warning WIPPY0220", ModuleDiagnosticIds.ImportNotGranted },
        { "runtime.md", "gets the note WIPPY0221", ModuleDiagnosticIds.ImportLeftOut },
        { "components.md", "gets a build note saying why (WIPPY0219, info)", ModuleDiagnosticIds.CalledThroughComponentModel },
        { "values.md", "(build error WIPPY0209)", ModuleDiagnosticIds.UnsupportedWitType },
    };

    [Theory]
    [MemberData(nameof(Claims))]
    public void A_doc_names_the_id_the_code_reports_for_what_it_describes(string doc, string phrase, string id)
    {
        var text = File.ReadAllText(RepoPaths.Combine("docs", doc)).Replace("\n", " ");
        Assert.True(text.Contains(phrase, StringComparison.Ordinal), $"docs/{doc} no longer says: {phrase}");
        Assert.Equal(id, Id.Match(phrase).Value);
    }
}
