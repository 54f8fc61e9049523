using System.Text.Json;
using Zordic.Bench.Support;
using Zordic.Server.Tests.Fuzz.Harness;

namespace Zordic.Bench.Fuzz;

/// <summary>
/// <c>bench/run fuzz [--cases N] [--seconds S]</c>: the fuzz harness of the server's tests
/// (tests/Zordic.Server.Tests/Fuzz/Harness), REST and hub cases mixed, against the studio on Kestrel in
/// this process, for longer than the test suite can afford. Prints the counts; each failure, with the
/// case that caused it, goes to stderr.
/// </summary>
public static class FuzzBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        int? cases = options.Text("--cases") is null ? null : options.Int("--cases", 1000);
        double? seconds = options.Text("--seconds") is null ? null : options.Int("--seconds", 60);
        if (cases is null && seconds is null) seconds = options.Quick ? 20 : 60;
        Console.Error.WriteLine($"bench fuzz: {(cases is { } c ? $"{c} cases" : "")}{(cases is not null && seconds is not null ? ", at most " : "")}{(seconds is { } s ? $"{s} s" : "")}…");

        await using var studio = await InProcessStudio.StartAsync();
        await using var fuzz = await FuzzRunner.StartAsync(studio);
        await fuzz.RunAsync(FuzzRunner.Both, cases, seconds);

        foreach (var finding in fuzz.Report.Findings) Console.Error.WriteLine($"bench fuzz: {finding}");
        Console.Error.WriteLine($"bench fuzz: {fuzz.Report.Summary().Split('\n')[0]}");
        Console.WriteLine(JsonSerializer.Serialize(fuzz.Report.ToJson()));
        return 0;
    }
}
