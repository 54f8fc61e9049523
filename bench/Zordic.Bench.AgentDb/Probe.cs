using System.Diagnostics;
using System.Text.Json;
using Zordic.AgentDb;
using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Filters;

namespace Zordic.Bench.AgentDb;

/// <summary>Developer probe (--probe): times the pieces of a search on MNIST.</summary>
internal static class Probe
{
    public static async Task RunAsync(AnnDataset data, string scratch)
    {
        var directory = Path.Combine(scratch, "probe");
        if (Directory.Exists(directory)) Directory.Delete(directory, true);
        await using var db = await AgentDatabase.OpenAsync(directory);
        var collection = await db.GetOrCreateCollectionAsync("bench", new CollectionOptions(data.Dimension, data.Metric));
        await collection.InsertManyAsync([.. data.Base.Select((v, i) => new AgentDocument(i.ToString(System.Globalization.CultureInfo.InvariantCulture), v, JsonSerializer.SerializeToElement(new { label = data.BaseLabels![i] })))]);
        await collection.WaitForIndexAsync();
        var filter = Filter.Parse("""{"label": 3}""");
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 200; i++) await collection.CountAsync(filter);
            Console.Error.WriteLine($"count(filter): {sw.Elapsed.TotalMicroseconds / 200:F1} us");
            sw.Restart();
            for (var i = 0; i < 200; i++) await collection.SearchAsync(data.Queries[i], 10, filter);
            Console.Error.WriteLine($"search(filter): {sw.Elapsed.TotalMicroseconds / 200:F1} us");
            sw.Restart();
            for (var i = 0; i < 200; i++) await collection.SearchAsync(data.Queries[i], 10);
            Console.Error.WriteLine($"search: {sw.Elapsed.TotalMicroseconds / 200:F1} us");
            var keys = new ulong[16]; var d = new float[16];
            double z = 0, r = 0;
            for (var i = 0; i < data.Queries.Length; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (i % 2 == 0) await collection.SearchAsync(data.Queries[i], 10); else collection.Graph.Search(data.Queries[i], 16, keys, d);
                var t1 = Stopwatch.GetTimestamp();
                if (i % 2 == 0) collection.Graph.Search(data.Queries[i], 16, keys, d); else await collection.SearchAsync(data.Queries[i], 10);
                var t2 = Stopwatch.GetTimestamp();
                z += i % 2 == 0 ? t1 - t0 : t2 - t1;
                r += i % 2 == 0 ? t2 - t1 : t1 - t0;
            }
            Console.Error.WriteLine($"interleaved: zordic {z / Stopwatch.Frequency * 1e6 / data.Queries.Length:F1} us, raw {r / Stopwatch.Frequency * 1e6 / data.Queries.Length:F1} us");
        }
    }
}
