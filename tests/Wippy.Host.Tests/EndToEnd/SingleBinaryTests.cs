using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.EndToEnd;

/// <summary>
/// The sample published with NativeAOT is one file: copied alone into an empty directory, it answers calls into
/// core modules, components, WASI and Lua (its native libraries and its modules are inside it).
/// </summary>
[Collection(NotInParallel.Name)]
public sealed class SingleBinaryTests
{
    private const string Users =
        """[{"id":1,"name":"Alice","tags":["admin","dev"],"active":true},{"id":2,"name":"Bob","tags":["user"],"active":false},{"id":3,"name":"Carol","tags":["dev"],"active":true}]""";

    [AotFact]
    public void The_published_sample_runs_alone_in_an_empty_directory()
    {
        using var temp = new TempDirectory();
        var publish = Path.Combine(temp.Path, "publish");
        var (exit, output) = ChildProcess.Run(ChildProcess.Dotnet, RepoPaths.Root, null,
            "publish", RepoPaths.Combine("samples", "registry", "Wippy.Samples.Registry.csproj"),
            "-c", "Release", "-r", ChildProcess.RuntimeIdentifier, "-p:PublishAot=true", "-o", publish);
        Assert.True(exit == 0, "dotnet publish failed:\n" + output);
        Assert.DoesNotContain("warning IL", output); // no trim/AOT warnings

        var alone = Path.Combine(temp.Path, "alone");
        Directory.CreateDirectory(alone);
        var binary = Path.Combine(alone, "Wippy.Samples.Registry");
        File.Copy(Path.Combine(publish, "Wippy.Samples.Registry"), binary);
        ChildProcess.MakeExecutable(binary);
        Assert.Equal(["Wippy.Samples.Registry"], Directory.GetFiles(alone).Select(Path.GetFileName));

        var cache = Path.Combine(temp.Path, "cache"); // a fresh per-user cache: the native libraries are unpacked into it
        Assert.Equal((0, "42\n"), Run(binary, alone, cache, "call", "myns:answer"));
        Assert.Equal((0, "\"Hello, Wippy!\"\n"), Run(binary, alone, cache, "call", "myns:greet", "\"Wippy\""));
        Assert.Equal((0, """[{"id":1,"display":"Alice [admin, dev]","tag-count":2},{"id":2,"display":"Bob [user]","tag-count":1},{"id":3,"display":"Carol [dev]","tag-count":1}]""" + "\n"),
            Run(binary, alone, cache, "call", "myns:transform_users", Users));
        Assert.Equal((0, "\"hello from a mounted file\"\n"), Run(binary, alone, cache, "call", "myns:read_config"));
        Assert.Equal((0, """{"active":[{"display":"Alice [admin, dev]","id":1,"tag-count":2},{"display":"Carol [dev]","id":3,"tag-count":1}],"transformed":[{"display":"Alice [admin, dev]","id":1,"tag-count":2},{"display":"Bob [user]","id":2,"tag-count":1},{"display":"Carol [dev]","id":3,"tag-count":1}]}""" + "\n"),
            Run(binary, alone, cache, "call", "myns:lua_pipeline"));
        Assert.Equal((0, "{\"ended\":\"returned\",\"total\":5}\n"), Run(binary, alone, cache, "call", "myns:count_to_five")); // a process, spawned from Lua
        var (checkExit, checkOutput) = Run(binary, alone, cache, "check");
        Assert.True(checkExit == 0, checkOutput);
        Assert.Contains("17 of 17 function entries loaded.", checkOutput);
        Assert.Equal(["Wippy.Samples.Registry"], Directory.GetFiles(alone).Select(Path.GetFileName)); // it wrote nothing beside itself
        Assert.True(Directory.GetFiles(Path.Combine(cache, "wippy", "native"), "libwasmtime.so", SearchOption.AllDirectories).Length == 1);
        Assert.False(Directory.Exists(Path.Combine(cache, "wippy", "compiled"))); // every module came compiled ahead of time
    }

    /// <summary>Runs the published app with the per-user cache <paramref name="cache"/>.</summary>
    private static (int Exit, string Output) Run(string program, string workingDirectory, string cache, params string[] args) =>
        ChildProcess.Run(program, workingDirectory, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache }, args);
}
