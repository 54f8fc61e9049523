using System.Diagnostics;
using Zordic.AgentDb.Index;

namespace Zordic.Bench.AgentDb;

/// <summary>
/// Raw USearch through its C API with the same graph parameters and search breadth Zordic uses: what the
/// library gives without Zordic's layer. Filtered rows post-filter the top 10 (the wrapper has no filter).
/// </summary>
internal static class UsearchRunner
{
    public static List<ResultRow> Run(AnnDataset data, int connectivity, int ef)
    {
        var metric = data.Metric == Zordic.AgentDb.DistanceMetric.L2 ? UsearchNative.MetricKind.L2sq : UsearchNative.MetricKind.Cos;
        using var index = HnswIndex.Create(data.Dimension, metric, UsearchNative.ScalarKind.F16, connectivity, 128);
        var clock = Stopwatch.StartNew();
        // Headroom: with exactly n reserved, concurrent adds on a loaded machine failed with "Reserve capacity
        // ahead of insertions" once (USearch counts in-flight slots).
        index.Reserve(data.Base.Length + (data.Base.Length / 8) + 64);
        Parallel.For(0, data.Base.Length, i => index.Add((ulong)i, data.Base[i]));
        var insertPerSecond = data.Base.Length / clock.Elapsed.TotalSeconds;
        var memoryMb = index.MemoryUsage / 1048576.0;
        Console.Error.WriteLine($"  usearch: built in {clock.Elapsed.TotalSeconds:F1}s, ef {ef}");

        var rows = new List<ResultRow>();
        var keys = new ulong[Math.Max(ef, 10)];
        var distances = new float[keys.Length];
        foreach (var filtered in data.QueryLabels is null ? new[] { false } : [false, true])
        {
            for (var i = 0; i < Math.Min(50, data.Queries.Length); i++)
            {
                index.Search(data.Queries[i], keys.Length, keys, distances);
            }

            var latency = new Latency();
            double recall = 0, hits = 0;
            for (var i = 0; i < data.Queries.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var found = index.Search(data.Queries[i], keys.Length, keys, distances);
                var result = keys.Take(Math.Min(found, 10)).Select(k => (int)k).Where(k => !filtered || data.BaseLabels![k] == data.QueryLabels![i]).ToArray();
                latency.Add(start);
                var truth = (filtered ? data.FilteredTruth![i] : data.Truth[i][..10]).Where(t => t >= 0).ToHashSet();
                recall += result.Count(truth.Contains) / (double)Math.Max(1, truth.Count);
                hits += result.Length;
            }

            rows.Add(new ResultRow("usearch", data.Name, filtered, recall / data.Queries.Length, hits / data.Queries.Length,
                latency.P50, latency.P99, latency.Qps, insertPerSecond, memoryMb)
            {
                Quantization = "f16",
                Ef = keys.Length,
                Plan = filtered ? "graph, post-filter of top 10" : "graph",
                Note = $"USearch C API, f16 graph like Zordic's, connectivity {connectivity}, expansion_add 128, {Environment.ProcessorCount} threads adding, breadth = Zordic's calibrated ef",
            });
        }

        return rows;
    }
}
