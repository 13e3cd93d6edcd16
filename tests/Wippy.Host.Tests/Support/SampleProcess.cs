using System.Diagnostics;
using System.Text;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// The sample app (samples/registry, built next to the test assembly) run as a process of its own, in an empty
/// working directory with a compiled-code cache of its own, its stdout and stderr kept as they come. Disposing kills
/// it if it still runs.
/// </summary>
/// <remarks>
/// It is started through <c>env --default-signal=INT,TERM</c> (GNU coreutils), which execs the app with those signals
/// handled by default: a signal the test runner ignores (SIGINT, when the suite runs as a background job of a shell)
/// would otherwise be ignored by the app too, since an ignored signal stays ignored across fork and exec, and .NET then
/// leaves it ignored (seen: under <c>trap "" INT</c> the app did not stop on SIGINT).
/// </remarks>
internal sealed class SampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _directory = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts the sample with <paramref name="args"/> and <paramref name="environment"/> added to its environment.</summary>
    public SampleProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            WorkingDirectory = _directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Wippy.Samples.Registry"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(_directory.Path, "cache");
        start.Environment["Wippy__Http__Address"] = "127.0.0.1:0"; // never the sample's own 8080: tests run side by side
        foreach (var (name, value) in environment) start.Environment[name] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(_stdout, _stdoutClosed, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(_stderr, _stderrClosed, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The app's process id (env execs the app in its own process).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process printed on stdout so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout) return _stdout.ToString();
        }
    }

    /// <summary>What the process printed on stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit and its output to be read to the end; false if it still runs.</summary>
    public async Task<bool> ExitedWithin(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return false;
        }
        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(Eventually.Deadline);
        return true;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(Eventually.Deadline);
        }
        catch (InvalidOperationException)
        {
            // never started, or already reaped
        }
        _process.Dispose();
        _directory.Dispose();
    }

    private static void Keep(StringBuilder output, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (output) output.Append(line).Append('\n');
    }
}
