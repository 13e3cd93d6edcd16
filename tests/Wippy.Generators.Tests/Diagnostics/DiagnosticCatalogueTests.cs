using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Wippy.Diagnostics;
using Wippy.Generators.Diagnostics;
using Wippy.Generators.Tests.Support;
using Wippy.Modules;
using Wippy.Registry;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>
/// The diagnostic catalogue, docs/diagnostics.md and the compiler descriptors agree: every entry has a row and an
/// anchor in the doc, one descriptor with its title, severity and help link, and a line in the analyzer release
/// files; a reported diagnostic takes everything from the catalogue, and an id the catalogue lacks is reported as
/// an internal error rather than dropped.
/// </summary>
public sealed class DiagnosticCatalogueTests
{
    private static readonly SourcePosition AtFirstLine = new(ErrorScenario.Path, 1, 1, 1, 10);

    [Fact]
    public void Every_catalogue_entry_has_a_row_and_an_anchor_in_the_doc_with_its_severity()
    {
        var problems = DiagnosticCatalog.All.Select(DiagnosticsDoc.Repository.ProblemWith).OfType<string>().ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_id_row_of_the_doc_is_in_the_catalogue()
    {
        var catalogued = DiagnosticCatalog.All.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        var extra = DiagnosticsDoc.Repository.Ids.Where(id => !catalogued.Contains(id)).ToList();
        Assert.True(extra.Count == 0, "docs/diagnostics.md has rows for ids the catalogue lacks: " + string.Join(", ", extra));
        Assert.Equal(DiagnosticCatalog.All.Count, DiagnosticsDoc.Repository.Ids.Count());
    }

    [Fact]
    public void The_doc_check_finds_a_missing_row_a_missing_anchor_a_repeated_anchor_and_another_severity()
    {
        var yamlSyntax = DiagnosticCatalog.Find(RegistryDiagnosticIds.YamlSyntax)!;
        var good = DiagnosticsDoc.Parse("| id | severity |\n|---|---|\n| <a id=\"wippy0001\"></a>WIPPY0001 | error | bad YAML |\n");

        Assert.Null(good.ProblemWith(yamlSyntax));
        Assert.Contains("no table row for WIPPY0001", DiagnosticsDoc.Parse("| <a id=\"wippy0002\"></a>WIPPY0002 | error | x |\n").ProblemWith(yamlSyntax));
        Assert.Contains("does not start with <a id=\"wippy0001\"></a>", DiagnosticsDoc.Parse("| WIPPY0001 | error | x |\n").ProblemWith(yamlSyntax));
        Assert.Contains("the anchor 'wippy0001' 2 times",
            DiagnosticsDoc.Parse("<a id=\"wippy0001\"></a>\n| <a id=\"wippy0001\"></a>WIPPY0001 | error | x |\n").ProblemWith(yamlSyntax));
        Assert.Contains("has severity 'warning', the catalogue says 'error'",
            DiagnosticsDoc.Parse("| <a id=\"wippy0001\"></a>WIPPY0001 | warning | x |\n").ProblemWith(yamlSyntax));
        Assert.Contains("2 rows for WIPPY0001",
            DiagnosticsDoc.Parse("| <a id=\"wippy0001\"></a>WIPPY0001 | error | x |\n| WIPPY0001 | error | y |\n").ProblemWith(yamlSyntax));
    }

    [Fact]
    public void Every_catalogue_entry_has_one_compiler_descriptor_made_once_as_a_static_field()
    {
        var fields = typeof(RoslynDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(
            DiagnosticCatalog.All.Select(e => e.Id).Order(StringComparer.Ordinal),
            fields.Select(d => d.Id).Order(StringComparer.Ordinal));
        foreach (var field in fields)
        {
            Assert.Same(field, RoslynDescriptors.Find(field.Id));
            Assert.Same(field, RoslynDescriptors.All[field.Id]);
        }
        Assert.Null(RoslynDescriptors.Find("WIPPY0298"));
    }

    [Fact]
    public void Each_compiler_descriptor_has_the_catalogue_title_format_severity_category_and_help_link()
    {
        foreach (var entry in DiagnosticCatalog.All)
        {
            var descriptor = RoslynDescriptors.Find(entry.Id)!;
            Assert.Equal(entry.Title, descriptor.Title.ToString());
            Assert.Equal(entry.MessageFormat, descriptor.MessageFormat.ToString());
            Assert.Equal(entry.CategoryName, descriptor.Category);
            var expected = entry.Severity switch
            {
                WippySeverity.Warning => DiagnosticSeverity.Warning,
                WippySeverity.Info => DiagnosticSeverity.Info,
                _ => DiagnosticSeverity.Error,
            };
            Assert.Equal(expected, descriptor.DefaultSeverity);
            Assert.Equal(entry.HelpLink, descriptor.HelpLinkUri);
            Assert.True(descriptor.IsEnabledByDefault);
        }
        Assert.Equal("Wippy.Registry", RoslynDescriptors.UnknownField.Category);
        Assert.Equal(DiagnosticSeverity.Warning, RoslynDescriptors.UnknownField.DefaultSeverity);
        Assert.Equal(DiagnosticHelpLink.Base + "#wippy0008", RoslynDescriptors.UnknownField.HelpLinkUri);
        Assert.Equal(DiagnosticSeverity.Info, RoslynDescriptors.CalledThroughComponentModel.DefaultSeverity); // a note, never an error
    }

    [Fact]
    public void A_reported_warning_and_error_carry_the_catalogue_title_severity_and_help_link()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: w
                kind: function.wat
                source: |
                  (module (func (export "f") (result i32) i32.const 1))
                wit: |
                  f: func() -> s32;
                method: f
                timeout: 5
                pool:
                  type: elastic
            """;

        var result = ErrorScenario.Run(yaml);

        var reported = Exactly(result, RegistryDiagnosticIds.UnknownField, RegistryDiagnosticIds.InvalidPoolType);
        var unknownField = reported.Single(d => d.Id == RegistryDiagnosticIds.UnknownField);
        Assert.Equal(DiagnosticSeverity.Warning, unknownField.Severity);
        Assert.Equal("Unknown field, it is ignored", unknownField.Descriptor.Title.ToString());
        Assert.Equal(DiagnosticHelpLink.Base + "#wippy0008", unknownField.Descriptor.HelpLinkUri);
        var poolType = reported.Single(d => d.Id == RegistryDiagnosticIds.InvalidPoolType);
        Assert.Equal(DiagnosticSeverity.Error, poolType.Severity);
        Assert.Equal(DiagnosticCatalog.Find(RegistryDiagnosticIds.InvalidPoolType)!.Title, poolType.Descriptor.Title.ToString());
        Assert.Equal(DiagnosticHelpLink.Base + "#wippy0014", poolType.Descriptor.HelpLinkUri);
        Assert.Empty(CatalogueCheck.Problems(reported, DiagnosticsDoc.Repository));
    }

    [Fact]
    public void A_severity_written_in_the_facts_file_does_not_override_the_catalogue()
    {
        // The build step's text still carries a severity field; the generator goes by the catalogue, both ways.
        var written = ModuleFactsFile.Write([], [
            new WippyDiagnostic(ModuleDiagnosticIds.InvalidModule, "not a module; write a real wasm", AtFirstLine),
            new WippyDiagnostic(RegistryDiagnosticIds.UnknownField, "an unknown field; remove it", AtFirstLine with { Line = 2, EndLine = 2 }),
        ]);
        var swapped = written.Replace("\tError\t", "\tWARNING\t").Replace("\tWarning\t", "\tError\t").Replace("\tWARNING\t", "\tWarning\t");
        Assert.True(swapped.Contains($"{ModuleDiagnosticIds.InvalidModule}\tWarning\t", StringComparison.Ordinal)
            && swapped.Contains($"{RegistryDiagnosticIds.UnknownField}\tError\t", StringComparison.Ordinal),
            "test bug: the facts text no longer carries a severity after the id:\n" + written);

        var result = ErrorScenario.Run("namespace: app\nentries:\n", (Facts.RelativePath, swapped));

        var reported = Exactly(result, ModuleDiagnosticIds.InvalidModule, RegistryDiagnosticIds.UnknownField);
        Is(reported.Single(d => d.Id == ModuleDiagnosticIds.InvalidModule), DiagnosticSeverity.Error, ErrorScenario.Path, (1, 1), "not a module");
        Is(reported.Single(d => d.Id == RegistryDiagnosticIds.UnknownField), DiagnosticSeverity.Warning, ErrorScenario.Path, (2, 1), "an unknown field");
    }

    [Fact]
    public void An_id_the_catalogue_lacks_is_reported_as_an_internal_error_with_its_id_and_message()
    {
        // As a build step newer than the generator would hand over. Run without the harness, whose check rejects it.
        var facts = ModuleFactsFile.Write([], [new WippyDiagnostic("WIPPY0298", "a newer mistake; fix it", AtFirstLine)]);
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", ErrorScenario.WithValidEntry("namespace: app\nentries:\n"));
        registry.Add(Facts.RelativePath, facts);

        var result = GeneratorHarness.CreateDriver(registry.Files, TestRegistry.Root)
            .RunGenerators(CSharpCompilation.Create("TestApp")).GetRunResult().Results.Single();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(InternalDiagnosticIds.UnknownDiagnosticId, d.Id);
        Assert.Same(RoslynDescriptors.UnknownDiagnosticId, d.Descriptor);
        Is(d, DiagnosticSeverity.Error, ErrorScenario.Path, (1, 1), "WIPPY0298", "a newer mistake; fix it", "a bug in Wippy");
        Assert.Contains("has no catalogue entry", Assert.Single(CatalogueCheck.Problems(result.Diagnostics, DiagnosticsDoc.Repository)));
    }

    [Fact]
    public void The_harness_check_rejects_ids_outside_the_catalogue_retired_ids_and_descriptors_unlike_their_entry()
    {
        var doc = DiagnosticsDoc.Repository;
        var genuine = Diagnostic.Create(RoslynDescriptors.YamlSyntax, Location.None, "bad YAML");
        var notCatalogued = Diagnostic.Create(
            new DiagnosticDescriptor("WIPPY0298", "new", "{0}", "Wippy.Module", DiagnosticSeverity.Error, true), Location.None, "x");
        var retired = Diagnostic.Create(RoslynDescriptors.ComponentNotSupported, Location.None, "x");
        var otherTitle = Diagnostic.Create(new DiagnosticDescriptor(
            RegistryDiagnosticIds.YamlSyntax, "Wippy registry WIPPY0001", "{0}", "Wippy.Registry", DiagnosticSeverity.Error, true,
            helpLinkUri: DiagnosticHelpLink.For(RegistryDiagnosticIds.YamlSyntax)), Location.None, "x");
        var otherSeverity = Diagnostic.Create(new DiagnosticDescriptor(
            RegistryDiagnosticIds.UnknownField, RoslynDescriptors.UnknownField.Title, "{0}", "Wippy.Registry", DiagnosticSeverity.Error, true,
            helpLinkUri: RoslynDescriptors.UnknownField.HelpLinkUri), Location.None, "x");

        Assert.Empty(CatalogueCheck.Problems([genuine], doc));
        Assert.Contains("WIPPY0298 is not in DiagnosticCatalog", Assert.Single(CatalogueCheck.Problems([notCatalogued], doc)));
        Assert.Contains("retired", Assert.Single(CatalogueCheck.Problems([retired], doc)));
        Assert.Contains("title 'Wippy registry WIPPY0001'", Assert.Single(CatalogueCheck.Problems([otherTitle], doc)));
        Assert.Contains("the catalogue's is Warning", Assert.Single(CatalogueCheck.Problems([otherSeverity], doc)));
        Assert.Contains("no table row for WIPPY0001",
            Assert.Single(CatalogueCheck.Problems([genuine], DiagnosticsDoc.Parse("| <a id=\"wippy0002\"></a>WIPPY0002 | error | x |\n"))));
    }

    [Fact]
    public void The_analyzer_release_files_list_every_descriptor_with_the_catalogue_category_and_severity()
    {
        var released = ReleasedRules();

        Assert.Equal(
            DiagnosticCatalog.All.Select(e => $"{e.Id} | {e.CategoryName} | {e.Severity}").Order(StringComparer.Ordinal),
            released.Select(r => $"{r.Key} | {r.Value.Category} | {r.Value.Severity}").Order(StringComparer.Ordinal));
    }

    /// <summary>The rules of AnalyzerReleases.Shipped.md then .Unshipped.md, the later release's line winning, removed rules dropped.</summary>
    private static Dictionary<string, (string Category, string Severity)> ReleasedRules()
    {
        var rules = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            var section = "";
            foreach (var line in File.ReadAllLines(RepoPaths.Combine("src", "Wippy.Generators", "Diagnostics", file)))
            {
                if (line.StartsWith("### ", StringComparison.Ordinal)) section = line;
                if (!line.StartsWith("WIPPY", StringComparison.Ordinal)) continue;
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (section == "### Removed Rules") rules.Remove(cells[0]);
                else rules[cells[0]] = (cells[1], cells[2]);
            }
        }
        return rules;
    }
}
