using System.Diagnostics;

namespace Wippy.Host.Tests.Support;

/// <summary>Runs programs the end-to-end tests need (dotnet, a published app) and collects what they print.</summary>
internal static class ChildProcess
{
    /// <summary>The dotnet the tests run under (the SDK's host when the build sets it).</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The runtime identifier of this machine (<c>linux-x64</c>).</summary>
    public static string RuntimeIdentifier => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="workingDirectory"/> with <paramref name="environment"/> added to
    /// its environment; returns its exit code and its stdout (stderr appended when it failed).
    /// </summary>
    public static (int Exit, string Output) Run(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var output = stdout.Result;
        return (process.ExitCode, process.ExitCode == 0 ? output : output + stderr.Result);
    }

    /// <summary>Makes <paramref name="file"/> executable by its owner (a binary copied with File.Copy on Unix).</summary>
    public static void MakeExecutable(string file)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
