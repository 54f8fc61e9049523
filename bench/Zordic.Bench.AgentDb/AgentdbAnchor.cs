using System.Diagnostics;
using System.Text.Json;

namespace Zordic.Bench.AgentDb;

/// <summary>Runs the npm agentdb 1.6.1 anchor (bench/anchors/agentdb) on a dataset directory, installing it on first use.</summary>
internal static class AgentdbAnchor
{
    public static async Task<List<JsonElement>> RunAsync(string repositoryRoot, AnnDataset data, int queries)
    {
        var anchor = Path.Combine(repositoryRoot, "bench", "anchors", "agentdb");
        await RunAsync("bash", [Path.Combine(anchor, "install.sh")], anchor, captureStdout: false);
        var metric = data.Metric switch
        {
            Zordic.AgentDb.DistanceMetric.L2 => "l2",
            Zordic.AgentDb.DistanceMetric.Cosine => "cosine",
            _ => "ip",
        };
        var output = await RunAsync("node", [Path.Combine(anchor, "run.mjs"), "--data", data.Directory, "--name", data.Name, "--metric", metric, "--queries", queries.ToString(System.Globalization.CultureInfo.InvariantCulture)], anchor, captureStdout: true);
        using var json = JsonDocument.Parse(output);
        return [.. json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.Clone())];
    }

    private static async Task<string> RunAsync(string program, string[] arguments, string directory, bool captureStdout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
        }

        if (!captureStdout)
        {
            Console.Error.Write(stdout);
        }

        return stdout;
    }
}
