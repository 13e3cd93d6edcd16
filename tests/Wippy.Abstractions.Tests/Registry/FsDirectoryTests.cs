using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>The fs.directory kind.</summary>
public sealed class FsDirectoryTests
{
    private const string Head = "namespace: myns\nentries:\n  - name: data\n    kind: fs.directory\n";

    [Fact]
    public void Fields_are_read_and_the_directory_resolved()
    {
        var result = Parse(Head + "    directory: ../common/data\n    auto_init: true\n    mode: \"0755\"\n");
        Assert.Empty(result.Diagnostics);
        var fs = Assert.IsType<FsDirectoryEntry>(Assert.Single(result.Document!.Entries));
        Assert.Equal("../common/data", fs.Directory);
        Assert.Equal(Path.GetFullPath(Path.Combine(FileDirectory, "..", "common", "data")), fs.ResolvedDirectory);
        Assert.True(fs.AutoInit);
        Assert.Equal("0755", fs.Mode);
        Assert.Equal(493, fs.ModeValue);
    }

    [Fact]
    public void Absolute_directory_is_kept()
    {
        var absolute = Path.GetFullPath("/srv/data");
        var fs = Assert.IsType<FsDirectoryEntry>(Assert.Single(Parse(Head + $"    directory: {absolute}\n").Document!.Entries));
        Assert.Equal(absolute, fs.ResolvedDirectory);
    }

    [Fact]
    public void Directory_is_required() =>
        SingleFor(Head, RegistryDiagnosticIds.MissingRequiredField, 3, 5);

    [Theory]
    [InlineData("0789")]
    [InlineData("rwx")]
    [InlineData("75")]
    public void Mode_must_be_octal(string mode) =>
        SingleFor(Head + $"    directory: ./d\n    mode: {mode}\n", RegistryDiagnosticIds.InvalidMode, 6, 11);

    [Fact]
    public void Auto_init_must_be_a_bool() =>
        SingleFor(Head + "    directory: ./d\n    auto_init: 1\n", RegistryDiagnosticIds.WrongValueType, 6, 16);
}
