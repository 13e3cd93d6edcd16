using Wippy.Diagnostics;
using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>Rules across files: unique ids and references that resolve to the right kind.</summary>
public sealed class ValidatorTests
{
    private static readonly string OtherPath = Path.GetFullPath("/reg/lib/_index.yaml");

    private static RegistryDocument Doc(string yaml, string? path = null)
    {
        var result = Parse(yaml, path);
        Assert.Empty(result.Diagnostics);
        return result.Document!;
    }

    [Fact]
    public void Duplicate_ids_across_two_files_point_at_the_second()
    {
        var first = Doc("namespace: myns\nentries:\n  - name: assets\n    kind: fs.directory\n    directory: ./a\n");
        var second = Doc("namespace: myns\nentries:\n  - name: other\n    kind: fs.directory\n    directory: ./b\n  - name: assets\n    kind: fs.directory\n    directory: ./c\n", OtherPath);

        // FilePath "/reg/app/..." sorts before "/reg/lib/...", whatever the order given.
        var diagnostics = RegistryValidator.Validate(new[] { second, first });
        var d = Assert.Single(diagnostics);
        Assert.Equal(RegistryDiagnosticIds.DuplicateId, d.Id);
        Assert.Equal(WippySeverity.Error, d.Severity);
        Assert.Equal(OtherPath, d.Position.FilePath);
        Assert.Equal((6, 11), (d.Position.Line, d.Position.Column));
        Assert.Contains($"{FilePath} at line 3", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_in_one_file()
    {
        var doc = Doc("namespace: myns\nentries:\n  - name: a\n    kind: fs.directory\n    directory: ./a\n  - name: a\n    kind: fs.directory\n    directory: ./b\n");
        Single(RegistryValidator.Validate(new[] { doc }), RegistryDiagnosticIds.DuplicateId, 6, 11);
    }

    [Fact]
    public void Bare_name_reference_resolves_in_the_same_namespace()
    {
        var doc = Doc(RegistryYaml.Wasm());
        var compute = Entry<FunctionEntry>(doc, "compute");
        Assert.Equal("assets", compute.Fs!.Raw);
        Assert.Equal("myns:assets", compute.Fs.Id);
        Assert.Empty(RegistryValidator.Validate(new[] { doc }));
    }

    [Fact]
    public void Reference_into_another_file()
    {
        var lib = Doc("namespace: shared\nentries:\n  - name: bins\n    kind: fs.directory\n    directory: ./b\n", OtherPath);
        var app = Doc(RegistryYaml.Wasm().Replace("fs: assets", "fs: shared:bins"));
        Assert.Empty(RegistryValidator.Validate(new[] { app, lib }));
    }

    [Fact]
    public void Dangling_reference()
    {
        var doc = Doc(RegistryYaml.Wasm().Replace("fs: assets", "fs: asets"));
        var d = Single(RegistryValidator.Validate(new[] { doc }), RegistryDiagnosticIds.UnresolvedReference, 8, 9);
        Assert.Contains("'myns:asets'", d.Message, StringComparison.Ordinal);
        Assert.Contains("myns:assets", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_kind_reference()
    {
        var doc = Doc(RegistryYaml.Wasm().Replace("fs: assets", "fs: compute"));
        var d = Single(RegistryValidator.Validate(new[] { doc }), RegistryDiagnosticIds.WrongKindReference, 8, 9);
        Assert.Contains("function.wasm", d.Message, StringComparison.Ordinal);
        Assert.Contains("fs.*", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fs_embed_is_a_filesystem()
    {
        var doc = Doc(RegistryYaml.Wasm().Replace("kind: fs.directory", "kind: fs.embed"));
        Assert.Empty(RegistryValidator.Validate(new[] { doc }));
    }

    [Fact]
    public void Env_id_must_name_an_env_variable()
    {
        var yaml = RegistryYaml.Wasm("    wasi:\n      env:\n        - id: assets\n          name: X\n        - id: missing\n          name: Y\n");
        var diagnostics = RegistryValidator.Validate(new[] { Doc(yaml) });
        Assert.Equal(2, diagnostics.Count);
        Assert.Equal((RegistryDiagnosticIds.WrongKindReference, 14, 15), (diagnostics[0].Id, diagnostics[0].Position.Line, diagnostics[0].Position.Column));
        Assert.Contains("env.variable", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal((RegistryDiagnosticIds.UnresolvedReference, 16, 15), (diagnostics[1].Id, diagnostics[1].Position.Line, diagnostics[1].Position.Column));
        Assert.Contains("wasi.env[1].id", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mount_fs_must_resolve_to_a_filesystem()
    {
        var yaml = RegistryYaml.Wasm("    wasi:\n      mounts:\n        - fs: compute\n          guest: /data\n");
        Single(RegistryValidator.Validate(new[] { Doc(yaml) }), RegistryDiagnosticIds.WrongKindReference, 14, 15);
    }

    [Fact]
    public void No_documents_no_diagnostics() => Assert.Empty(RegistryValidator.Validate(Array.Empty<RegistryDocument>()));
}
