using System.Globalization;
using System.Reflection;
using Wippy.Diagnostics;
using Wippy.Modules;
using Wippy.Registry;
using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Diagnostics;

/// <summary>
/// Every id constant has exactly one entry in <see cref="DiagnosticCatalog"/>, in its category and range, with a
/// title and a help link; a diagnostic's severity is always its id's entry's, whatever the call site or the build
/// step's text says.
/// </summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly SourcePosition Somewhere = SourcePosition.At("/app/_index.yaml", 3, 5);

    // The safety ids (WIPPY0300-0399) are of the category of what they check (a YAML file, a WIT type); null: any.
    private static readonly (Type Constants, WippyDiagnosticCategory? Category, int First, int Last)[] IdClasses =
    [
        (typeof(RegistryDiagnosticIds), WippyDiagnosticCategory.Registry, 1, 99),
        (typeof(WitDiagnosticIds), WippyDiagnosticCategory.Wit, 100, 149),
        (typeof(ModuleDiagnosticIds), WippyDiagnosticCategory.Module, 200, 299),
        (typeof(SafetyDiagnosticIds), null, 300, 399),
        (typeof(InternalDiagnosticIds), WippyDiagnosticCategory.Internal, 900, 999),
    ];

    [Fact]
    public void Every_id_constant_has_a_catalogue_entry_of_its_category_and_range()
    {
        foreach (var (constants, category, first, last) in IdClasses)
        {
            foreach (var (name, id) in Constants(constants))
            {
                var entry = DiagnosticCatalog.Find(id);
                Assert.True(entry is not null, $"{constants.Name}.{name} ({id}) has no entry in DiagnosticCatalog");
                if (category is { } expected) Assert.Equal(expected, entry.Category);
                else Assert.NotEqual(WippyDiagnosticCategory.Internal, entry.Category);
                Assert.InRange(int.Parse(id.AsSpan(5), CultureInfo.InvariantCulture), first, last);
            }
        }
    }

    [Fact]
    public void Every_catalogue_entry_is_an_id_constant_and_appears_once()
    {
        var constants = IdClasses.SelectMany(c => Constants(c.Constants)).Select(c => c.Id).ToList();

        Assert.Equal(constants.Count, constants.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(constants.Order(StringComparer.Ordinal), DiagnosticCatalog.All.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Titles_are_short_phrases_and_help_links_are_the_doc_anchor_of_the_id()
    {
        Assert.True(Uri.TryCreate(DiagnosticHelpLink.Base, UriKind.Absolute, out _), "an IDE opens only an absolute help link");
        foreach (var entry in DiagnosticCatalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Title), entry.Id);
            Assert.True(entry.Title.Length <= 80 && !entry.Title.EndsWith('.') && !entry.Title.Contains('\n'), $"{entry.Id}: '{entry.Title}'");
            Assert.Equal(DiagnosticHelpLink.Base + "#" + entry.Id.ToLowerInvariant(), entry.HelpLink);
            Assert.StartsWith("Wippy.", entry.CategoryName, StringComparison.Ordinal);
        }
        Assert.EndsWith("/docs/diagnostics.md#wippy0201", DiagnosticCatalog.Find(ModuleDiagnosticIds.HashMismatch)!.HelpLink, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_are_exactly_the_ids_the_doc_calls_warnings_and_one_id_is_retired()
    {
        Assert.Equal(
            new[] { RegistryDiagnosticIds.UnknownKind, RegistryDiagnosticIds.UnknownField, RegistryDiagnosticIds.UnsupportedVersion, RegistryDiagnosticIds.DuplicateImport, RegistryDiagnosticIds.DuplicateModule, RegistryDiagnosticIds.OutboundHostsWithoutHttp, RegistryDiagnosticIds.KindNotRunYet, RegistryDiagnosticIds.WasiHttpWithoutEndpoint, RegistryDiagnosticIds.ProcessPoolIgnored, RegistryDiagnosticIds.MailboxUnusable, ModuleDiagnosticIds.ImportNotGranted }.Order(StringComparer.Ordinal),
            DiagnosticCatalog.All.Where(e => e.Severity == WippySeverity.Warning).Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(ModuleDiagnosticIds.ComponentNotSupported, Assert.Single(DiagnosticCatalog.All, e => e.IsRetired).Id);
    }

    [Fact]
    public void A_diagnostic_takes_its_severity_from_the_catalogue()
    {
        var warning = new WippyDiagnostic(RegistryDiagnosticIds.UnknownField, "unknown field 'x' is ignored", Somewhere);
        var error = new WippyDiagnostic(RegistryDiagnosticIds.YamlSyntax, "invalid YAML", Somewhere);

        Assert.Equal(WippySeverity.Warning, warning.Severity);
        Assert.Same(DiagnosticCatalog.Find(RegistryDiagnosticIds.UnknownField), warning.Descriptor);
        Assert.Equal("/app/_index.yaml(3,5): warning WIPPY0008: unknown field 'x' is ignored", warning.ToString());
        Assert.Equal(WippySeverity.Error, error.Severity);
        Assert.Equal(WippySeverity.Warning, (warning with { Message = "moved", Position = SourcePosition.At("/app/x.wit", 1, 1) }).Severity);
        Assert.Equal(error, new WippyDiagnostic(RegistryDiagnosticIds.YamlSyntax, "invalid YAML", Somewhere));
    }

    [Fact]
    public void An_id_the_catalogue_lacks_is_an_error_of_the_unknown_id_entry()
    {
        var d = new WippyDiagnostic("WIPPY0298", "a newer mistake", Somewhere);

        Assert.Null(DiagnosticCatalog.Find("WIPPY0298"));
        Assert.Same(DiagnosticCatalog.UnknownId, d.Descriptor);
        Assert.Equal(InternalDiagnosticIds.UnknownDiagnosticId, DiagnosticCatalog.UnknownId.Id);
        Assert.Equal(WippySeverity.Error, d.Severity);
        Assert.Equal("WIPPY0298", d.Id);
        Assert.Contains("{0}", DiagnosticCatalog.UnknownId.MessageFormat, StringComparison.Ordinal);
        Assert.Contains("{1}", DiagnosticCatalog.UnknownId.MessageFormat, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_parse_results_fail_on_catalogue_errors_and_not_on_catalogue_warnings()
    {
        var withWarning = RegistryParser.Parse("/app/_index.yaml", "version: 2.0\nnamespace: app\nentries: []\n");
        var withError = RegistryParser.Parse("/app/_index.yaml", "namespace: App\nentries: []\n");

        Assert.Equal(RegistryDiagnosticIds.UnsupportedVersion, Assert.Single(withWarning.Diagnostics).Id);
        Assert.False(withWarning.HasErrors);
        Assert.Equal(RegistryDiagnosticIds.InvalidNamespace, Assert.Single(withError.Diagnostics).Id);
        Assert.True(withError.HasErrors);
    }

    [Fact]
    public void The_facts_file_still_writes_a_severity_and_reading_it_takes_the_catalogue_severity()
    {
        var written = ModuleFactsFile.Write([], [
            new WippyDiagnostic(ModuleDiagnosticIds.HashMismatch, "hash mismatch", Somewhere),
            new WippyDiagnostic(RegistryDiagnosticIds.UnknownField, "unknown field", Somewhere),
        ]);
        Assert.Contains("diagnostic\tWIPPY0201\tError\t", written, StringComparison.Ordinal);
        Assert.Contains("diagnostic\tWIPPY0008\tWarning\t", written, StringComparison.Ordinal);

        var swapped = written.Replace("\tError\t", "\tW\t").Replace("\tWarning\t", "\tError\t").Replace("\tW\t", "\tWarning\t");
        var (_, read) = ModuleFactsFile.Parse(swapped);

        Assert.Equal(2, read.Count);
        Assert.Equal(WippySeverity.Error, read.Single(d => d.Id == ModuleDiagnosticIds.HashMismatch).Severity);
        Assert.Equal(WippySeverity.Warning, read.Single(d => d.Id == RegistryDiagnosticIds.UnknownField).Severity);
        Assert.Equal("hash mismatch", read[0].Message);
        Assert.Equal(Somewhere, read[0].Position);
    }

    private static IEnumerable<(string Name, string Id)> Constants(Type constants) =>
        constants.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));
}
