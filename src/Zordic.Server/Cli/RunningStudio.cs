using System.Diagnostics;
using System.Text.Json;

namespace Zordic.Server.Cli;

/// <summary>
/// A note in the data directory that a server is running there and where. The CLI's verbs send their
/// edits through that server instead of writing the database behind its back, which would leave the
/// server's in-memory projects stale.
/// </summary>
public sealed class RunningStudio : IAsyncDisposable
{
    const string FileName = "studio.server.json";
    readonly string _path;

    RunningStudio(string path) => _path = path;

    public static async Task<RunningStudio> AnnounceAsync(string dataDirectory, string url)
    {
        var path = Path.Combine(dataDirectory, FileName);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new Beacon(url, Environment.ProcessId)));
        return new RunningStudio(path);
    }

    /// <summary>The URL of the server running on this data directory, or null when none runs.</summary>
    public static string? Find(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var beacon = JsonSerializer.Deserialize<Beacon>(File.ReadAllText(path));
            if (beacon is null) return null;
            using var process = Process.GetProcessById(beacon.Pid);
            return process.HasExited ? null : beacon.Url;
        }
        catch (Exception e) when (e is ArgumentException or JsonException or IOException or InvalidOperationException)
        {
            return null; // a stale note from a server that died
        }
    }

    public ValueTask DisposeAsync()
    {
        try { File.Delete(_path); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    sealed record Beacon(string Url, int Pid);
}
