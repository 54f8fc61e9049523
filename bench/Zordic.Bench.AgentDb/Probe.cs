using System.Diagnostics;
using System.Text.Json;
using Zordic.AgentDb;
using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Filters;

namespace Zordic.Bench.AgentDb;

/// <summary>Developer probe (--probe): times the pieces of a filtered search on MNIST.</summary>
internal static class Probe
{
    public static async Task RunAsync(AnnDataset data, string scratch)
    {
        var directory = Path.Combine(scratch, "probe");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, true);
        }

        await using var db = await AgentDatabase.OpenAsync(directory);
        var collection = await db.GetOrCreateCollectionAsync("bench", new CollectionOptions(data.Dimension, data.Metric));
        await collection.InsertManyAsync([.. data.Base.Select((v, i) => new AgentDocument(i.ToString(System.Globalization.CultureInfo.InvariantCulture), v, JsonSerializer.SerializeToElement(new { label = data.BaseLabels![i] })))]);
        await collection.WaitForIndexAsync();
        var filters = Enumerable.Range(0, 10).Select(l => Filter.Parse($$"""{"label": {{l}}}""")).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var count = new Latency();
            var search = new Latency();
            var plain = new Latency();
            for (var i = 0; i < data.Queries.Length; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await collection.CountAsync(filters[i % 10]);
                count.Add(t);
                t = Stopwatch.GetTimestamp();
                await collection.SearchAsync(data.Queries[i], 10, filters[i % 10]);
                search.Add(t);
                t = Stopwatch.GetTimestamp();
                await collection.SearchAsync(data.Queries[i], 10);
                plain.Add(t);
            }

            Console.Error.WriteLine($"count(filter) p50 {count.P50:F1} p99 {count.P99:F1}; search(filter) p50 {search.P50:F1} p99 {search.P99:F1}; search p50 {plain.P50:F1} p99 {plain.P99:F1}; gen0 {GC.CollectionCount(0)} gen2 {GC.CollectionCount(2)}");
        }
    }
}
