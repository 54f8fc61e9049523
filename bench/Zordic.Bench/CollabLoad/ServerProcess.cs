using System.Diagnostics;
using System.Text.Json;

namespace Zordic.Bench.CollabLoad;

/// <summary>
/// The studio as its own process (<c>zordic serve --port 0</c> on a fresh data directory), so that its
/// CPU time and peak memory can be read from /proc apart from the load generator's.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly string _dataDirectory;

    readonly List<string> _errors = [];
    int _errorCount;

    ServerProcess(Process process, string url, string dataDirectory)
    {
        _process = process;
        Url = url;
        _dataDirectory = dataDirectory;
        // Read what it writes, always: a pipe nobody empties fills, and then the server's logging blocks it.
        // Its console log goes to stdout, after the line with its address.
        _ = Task.Run(() => ReadLogAsync(process.StandardOutput));
        _ = Task.Run(() => ReadLogAsync(process.StandardError));
    }

    public string Url { get; }

    /// <summary>Entries the server logged at error level or above (console format: "fail:" or "crit:").</summary>
    public int ErrorCount { get { lock (_errors) return _errorCount; } }

    /// <summary>The first error entries, each with the lines that follow it (message, exception).</summary>
    public string[] FirstErrors { get { lock (_errors) return [.. _errors]; } }

    async Task ReadLogAsync(StreamReader log)
    {
        string? line;
        List<string>? entry = null;
        while ((line = await log.ReadLineAsync()) is not null)
        {
            var starts = line.Length > 5 && line[4] == ':' && !char.IsWhiteSpace(line[0]);
            if (starts && entry is not null) Keep(entry);
            if (starts) entry = line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) ? [line] : null;
            else if (entry is { Count: < 30 }) entry.Add(line);
        }
        if (entry is not null) Keep(entry);

        void Keep(List<string> lines)
        {
            lock (_errors)
            {
                _errorCount++;
                if (_errors.Count < 5) _errors.Add(string.Join("\n", lines));
            }
        }
    }

    public static async Task<ServerProcess> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("zordic-load-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "zordic.dll"), "serve", "--port", "0", "--json", "--data-dir", data }) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
            ?? throw new InvalidOperationException("zordic serve exited: " + await process.StandardError.ReadToEndAsync());
        return new ServerProcess(process, JsonDocument.Parse(line).RootElement.GetProperty("url").GetString()!, data);
    }

    /// <summary>User + system CPU seconds the server has used so far (/proc/PID/stat).</summary>
    public double CpuSeconds
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[11], fields[12]: utime, stime in clock ticks (fields counted from the state field).
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
    }

    /// <summary>Peak resident memory of the server in MB (VmHWM).</summary>
    public double PeakMemoryMb
    {
        get
        {
            var line = File.ReadAllLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
