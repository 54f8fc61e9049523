using System.Diagnostics;
using System.Text.Json;

namespace Zordic.Bench.Support;

/// <summary>
/// Runs a node script of bench/anchors/NAME (installing its locked npm packages on first use) and
/// parses the JSON object it prints: how an anchor (Yjs, agentdb) runs on the same data in the same run.
/// </summary>
public static class NodeAnchor
{
    public static async Task<JsonElement> RunAsync(string anchor, string script, params string[] args)
    {
        var folder = Path.Combine(Repository.Root, "bench", "anchors", anchor);
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            Console.Error.WriteLine($"bench: installing the {anchor} anchor (npm ci)…");
            await RunProcessAsync(folder, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        var stdout = await RunProcessAsync(folder, "node", [script, .. args]);
        return JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone();
    }

    static async Task<string> RunProcessAsync(string folder, string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {await stderr}");
        return await stdout;
    }
}
