using System.Diagnostics;

namespace Wippy.Build.Tests;

/// <summary>
/// An app built into a folder of its own choosing (<c>dotnet build -o</c>, as BenchmarkDotNet's child projects are)
/// runs: the generator's netstandard2.0 build of Wippy.Abstractions must not land in that folder over the net10.0 one
/// (it did, and the app failed on the first init accessor with MissingMethodException).
/// </summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly TempRegistry _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task An_app_built_with_an_output_folder_runs_with_the_net10_abstractions()
    {
        _project.WriteInRepoApp();
        // An init accessor of Abstractions, as the host sets ExitCode: the one that failed.
        _project.Write("Program.cs", "System.Console.WriteLine(new Wippy.WippyException(Wippy.ErrorKind.Trap, \"app:f\", \"m\") { ExitCode = 7 }.ExitCode);\n");
        _project.Write("_index.yaml", "namespace: app\nentries:\n  - name: f\n    kind: function.wat\n    source: \"(module (func (export \\\"f\\\") (result i32) i32.const 1))\"\n    method: f\n");
        var output = Path.Combine(_project.Root, "out");

        var build = DotnetBuild.Run(_project.Root, "-o", output);
        Assert.True(build.Exit == 0, build.Output);

        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "App.dll")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var app = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdout = app.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = app.StandardError.ReadToEndAsync(deadline.Token);
        await app.WaitForExitAsync(deadline.Token);
        Assert.True(app.ExitCode == 0, await stdout + await stderr);
        Assert.Equal("7", (await stdout).Trim());
    }
}
