using System.Diagnostics;

namespace Wippy.Build.Tests;

/// <summary>Runs `dotnet build` on a test app, as a user would, with a five-minute bound.</summary>
internal static class DotnetBuild
{
    /// <summary>Builds the project in <paramref name="directory"/> with extra arguments (e.g. <c>-p:Name=value</c>); returns its exit code and output.</summary>
    public static (int Exit, string Output) Run(string directory, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet", ["build", directory, "-nologo", "-clp:NoSummary", "-p:TreatWarningsAsErrors=false", .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build took more than 5 minutes");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
