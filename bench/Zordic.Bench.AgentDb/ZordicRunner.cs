using System.Diagnostics;
using System.Text.Json;
using Zordic.AgentDb;
using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Filters;

namespace Zordic.Bench.AgentDb;

/// <summary>Runs Zordic AgentDb on a dataset: bulk insert, graph build, then top-10 queries with and without the label filter.</summary>
internal static class ZordicRunner
{
    public static async Task<(List<ResultRow> Rows, int Ef, int Connectivity)> RunAsync(AnnDataset data, Quantization quantization, string scratch)
    {
        var directory = Path.Combine(scratch, $"zordic-{data.Name}-{quantization}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var rows = new List<ResultRow>();
        await using var db = await AgentDatabase.OpenAsync(directory);
        var options = new CollectionOptions(data.Dimension, data.Metric) { Quantization = quantization };
        var collection = await db.GetOrCreateCollectionAsync("bench", options);
        var documents = data.Base.Select((v, i) => new AgentDocument(
            i.ToString(System.Globalization.CultureInfo.InvariantCulture), v,
            JsonSerializer.SerializeToElement(new { label = data.BaseLabels is null ? 0 : data.BaseLabels[i] }))).ToArray();

        var clock = Stopwatch.StartNew();
        foreach (var batch in documents.Chunk(5000))
        {
            await collection.InsertManyAsync(batch);
        }

        var acknowledged = clock.Elapsed.TotalSeconds;
        await collection.WaitForIndexAsync();
        var indexed = clock.Elapsed.TotalSeconds;
        var stats = collection.Stats();
        Console.Error.WriteLine($"  zordic {quantization}: {documents.Length} acked in {acknowledged:F1}s, graph ready at {indexed:F1}s; {stats}");
        var memoryMb = (stats.VectorBytes + stats.GraphBytes) / 1048576.0;
        var q = quantization.ToString().ToLowerInvariant();

        foreach (var filtered in data.QueryLabels is null ? new[] { false } : [false, true])
        {
            var filters = Enumerable.Range(0, 10).Select(l => Filter.Parse($$"""{"label": {{l}}}""")).ToArray();
            Filter? FilterFor(int query) => filtered ? filters[data.QueryLabels![query]] : null;
            for (var i = 0; i < Math.Min(50, data.Queries.Length); i++)
            {
                await collection.SearchAsync(data.Queries[i], 10, FilterFor(i));
            }

            var latency = new Latency();
            double recall = 0, hits = 0;
            for (var i = 0; i < data.Queries.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var result = await collection.SearchAsync(data.Queries[i], 10, FilterFor(i));
                latency.Add(start);
                var truth = (filtered ? data.FilteredTruth![i] : data.Truth[i][..10]).Where(t => t >= 0).Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                recall += result.Count(h => truth.Contains(h.Id)) / (double)Math.Max(1, truth.Count);
                hits += result.Count;
            }

            var plan = collection.ExplainSearch(10, FilterFor(0));

            // The overhead goal compares with raw USearch on the same index: time the native search on this
            // collection's own graph at the breadth the planner uses, interleaved with Zordic's search so both
            // see the same cache state and machine noise.
            double? sameIndexP50 = null;
            if (plan.Strategy == Zordic.AgentDb.Index.SearchStrategy.Graph)
            {
                var raw = new Latency();
                var zordicAgain = new Latency();
                var keys = new ulong[plan.Breadth];
                var distances = new float[plan.Breadth];
                for (var i = 0; i < data.Queries.Length; i++)
                {
                    var first = i % 2 == 0;
                    for (var pass = 0; pass < 2; pass++)
                    {
                        var start = Stopwatch.GetTimestamp();
                        if (first == (pass == 0))
                        {
                            collection.Graph.Search(data.Queries[i], plan.Breadth, keys, distances);
                            raw.Add(start);
                        }
                        else
                        {
                            await collection.SearchAsync(data.Queries[i], 10);
                            zordicAgain.Add(start);
                        }
                    }
                }

                sameIndexP50 = raw.P50;
                Console.Error.WriteLine($"  same index, interleaved: zordic p50 {zordicAgain.P50:F1} us, raw usearch p50 {raw.P50:F1} us ({zordicAgain.P50 / raw.P50:F2}×)");
            }
            rows.Add(new ResultRow("zordic", data.Name, filtered, recall / data.Queries.Length, hits / data.Queries.Length,
                latency.P50, latency.P99, latency.Qps, documents.Length / acknowledged, memoryMb)
            {
                Quantization = q,
                IndexedPerSecond = documents.Length / indexed,
                VectorMb = stats.VectorBytes / 1048576.0,
                Plan = plan.Strategy.ToString(),
                Ef = plan.Breadth > 0 ? plan.Breadth : null,
                Note = plan.Reason,
                SameIndexUsearchP50Us = sameIndexP50,
            });
        }

        return (rows, stats.GraphEf, options.EffectiveConnectivity);
    }
}
