namespace Wippy.Build.Tests;

/// <summary>
/// The build step neither reads nor ships a file the registry names outside the project (the registry root): such
/// entries are skipped (the generator reports them as WIPPY0304), unless the project allows the directory.
/// </summary>
public sealed class OutsideFilesTests : IDisposable
{
    private readonly TempRegistry _outside = new();
    private readonly TempRegistry _project = new();

    public void Dispose()
    {
        _project.Dispose();
        _outside.Dispose();
    }

    private string Relative(string path) => Path.GetRelativePath(_project.Root, path).Replace('\\', '/');

    [Fact]
    public void Fs_embed_and_file_references_outside_the_project_are_not_read_or_embedded()
    {
        var secret = _outside.Write("secret/key.txt", "do not ship");
        var wat = _outside.Write("outside.wat", "(module (func (export \"f\") (result i32) i32.const 0))");
        _project.Write("_index.yaml", $"""
            namespace: app
            entries:
              - name: secrets
                kind: fs.embed
                directory: {Relative(Path.GetDirectoryName(secret)!)}
              - name: absolute
                kind: fs.embed
                directory: {Path.GetDirectoryName(secret)}
              - name: stolen
                kind: function.wat
                source: file://{wat}
                method: f
              - name: climbing
                kind: function.wat
                source: file://{Relative(wat)}
                method: f
            """);

        var result = ModuleInspector.Inspect(_project.Root);

        Assert.Empty(result.FilesToEmbed);
        Assert.Empty(result.Modules); // the WAT files were not read
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void An_allowed_directory_is_read_and_embedded()
    {
        var secret = _outside.Write("shared/data.txt", "shared");
        _project.Write("_index.yaml", $"""
            namespace: app
            entries:
              - name: shared
                kind: fs.embed
                directory: {Relative(Path.GetDirectoryName(secret)!)}
            """);

        var refused = ModuleInspector.Inspect(_project.Root);
        var allowed = ModuleInspector.Inspect(_project.Root, allowedPaths: Path.Combine(_outside.Root, "shared"));

        Assert.Empty(refused.FilesToEmbed);
        Assert.Equal(["wippy.fs/app:shared/data.txt"], allowed.FilesToEmbed.Select(line => line.Split('|')[1]));
    }

    [Fact]
    public void Allowing_a_directory_in_the_project_alone_reruns_the_build_step()
    {
        // Only the property changes between the builds: the build step must run again (its settings are an input).
        var data = _outside.Write("shared/data.txt", "shared");
        _project.WriteInRepoApp();
        _project.Write("Program.cs", "return 0;\n");
        _project.Write("_index.yaml", $"namespace: app\nentries:\n  - name: shared\n    kind: fs.embed\n    directory: {Relative(Path.GetDirectoryName(data)!)}\n");
        var embedList = Path.Combine(_project.Root, "obj", "wippy", "wippy.embed.txt");

        var refused = DotnetBuild.Run(_project.Root);
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("WIPPY0304", refused.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("data.txt", File.ReadAllText(embedList), StringComparison.Ordinal);

        var allowed = DotnetBuild.Run(_project.Root, "-p:WippyAllowedPaths=" + Path.GetDirectoryName(data));
        Assert.True(allowed.Exit == 0, allowed.Output);
        Assert.Contains("wippy.fs/app:shared/data.txt", File.ReadAllText(embedList), StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_passes_allowed_paths_through()
    {
        var data = _outside.Write("shared/data.txt", "shared");
        _project.Write("_index.yaml", $"namespace: app\nentries:\n  - name: shared\n    kind: fs.embed\n    directory: {Relative(Path.GetDirectoryName(data)!)}\n");
        var embedList = Path.Combine(_project.Root, "obj", "embed.txt");

        var exit = BuildCommand.Run(["inspect", "--root", _project.Root, "--out", Path.Combine(_project.Root, "obj", "facts.txt"),
            "--embed-list", embedList, "--allow", Path.Combine(_outside.Root, "shared")], TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains("wippy.fs/app:shared/data.txt", File.ReadAllText(embedList), StringComparison.Ordinal);
    }
}
