using System.Diagnostics;
using Zordic.AgentDb.Index;

namespace Zordic.Bench.AgentDb;

/// <summary>Developer probe (--probe): recall and latency of raw USearch graphs on MNIST across parameters.</summary>
internal static class Probe
{
    public static Task RunAsync(AnnDataset data, string scratch)
    {
        _ = scratch;
        foreach (var (scalar, m) in new[] { (UsearchNative.ScalarKind.F32, 16), (UsearchNative.ScalarKind.F32, 24), (UsearchNative.ScalarKind.F16, 24), (UsearchNative.ScalarKind.F16, 32) })
        {
            using var index = HnswIndex.Create(data.Dimension, UsearchNative.MetricKind.L2sq, scalar, m, 128);
            index.Reserve(data.Base.Length);
            var clock = Stopwatch.StartNew();
            Parallel.For(0, data.Base.Length, i => index.Add((ulong)i, data.Base[i]));
            Console.Error.WriteLine($"{scalar} M{m}: build {clock.Elapsed.TotalSeconds:F1}s, {index.MemoryUsage >> 20} MiB");
            foreach (var ef in new[] { 16, 24, 32, 48, 64 })
            {
                var keys = new ulong[ef];
                var d = new float[ef];
                var latency = new Latency();
                double recall = 0;
                for (var i = 0; i < data.Queries.Length; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    index.Search(data.Queries[i], ef, keys, d);
                    latency.Add(t);
                    recall += keys.Take(10).Count(k => data.Truth[i][..10].Contains((int)k)) / 10.0;
                }

                Console.Error.WriteLine($"  ef {ef}: recall {recall / data.Queries.Length:F4}, p50 {latency.P50:F1} us, p99 {latency.P99:F1}");
            }
        }

        return Task.CompletedTask;
    }
}
