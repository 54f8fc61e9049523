using System.Diagnostics;
using System.Text.Json;

namespace Zordic.Server.Tests;

/// <summary>
/// The real <c>zordic</c> program as a child process (the build copies it next to the tests), for what
/// only a separate process can show: a kill -9, the command line's output and exit codes.
/// </summary>
public sealed class ZordicProcess : IAsyncDisposable
{
    readonly Process _process;

    ZordicProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "zordic.dll");

    /// <summary>Starts <c>zordic serve --port 0 --json</c> and waits for the line that gives its address.</summary>
    public static async Task<ZordicProcess> ServeAsync(string dataDirectory)
    {
        var process = Process.Start(StartInfo("serve", "--port", "0", "--json", "--data-dir", dataDirectory))!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null) throw new InvalidOperationException("zordic serve exited: " + await process.StandardError.ReadToEndAsync());
        var url = JsonDocument.Parse(line).RootElement.GetProperty("url").GetString()!;
        return new ZordicProcess(process, url);
    }

    /// <summary>Runs a verb to completion and returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await stdout, await stderr);
    }

    static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ProgramPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) KillHard();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
