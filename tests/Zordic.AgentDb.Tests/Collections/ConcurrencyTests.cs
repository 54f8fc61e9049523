using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Filters;

namespace Zordic.AgentDb.Tests.Collections;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_writers_and_readers_see_consistent_results()
    {
        using var directory = new TempDirectory();
        await using var db = await AgentDatabase.OpenAsync(directory.Path, new AgentDatabaseOptions { SynchronousCommit = false });
        var collection = await db.GetOrCreateCollectionAsync("busy", new CollectionOptions(16, DistanceMetric.Cosine) { ExactScanWork = 0 });
        var vectors = TestData.Clustered(4 * 600, 16, seed: 21);
        await collection.InsertManyAsync(TestData.Documents(vectors[..400], "seed"));
        var even = Filter.Parse("""{"is_public": true}""");
        var writing = true;

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i += 10)
            {
                var batch = Enumerable.Range(i, 10).Select(j => AgentDocument.Create($"w{w}-{j}", vectors[400 + (w * 500) + j], new { is_public = j % 2 == 0, writer = w })).ToArray();
                if (i % 50 == 0)
                {
                    await collection.UpsertManyAsync(batch);
                }
                else
                {
                    await collection.InsertManyAsync(batch);
                }

                if (i % 100 == 0)
                {
                    await collection.DeleteAsync($"w{w}-{i + 1}");
                }
            }
        })).ToArray();

        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var searches = 0;
            while (Volatile.Read(ref writing) || searches < 20)
            {
                var query = vectors[(r * 97 + searches) % vectors.Length];
                var hits = await collection.SearchAsync(query, 10, even);
                Assert.Equal(10, hits.Count);
                Assert.All(hits, h => Assert.True(even.Matches(h.Metadata)));
                Assert.Equal(hits.Count, hits.Select(h => h.Id).Distinct().Count());
                var any = await collection.SearchAsync(query, 5);
                Assert.Equal(5, any.Count);
                _ = await collection.CountAsync(even);
                searches++;
            }

            return searches;
        })).ToArray();

        await Task.WhenAll(writers);
        Volatile.Write(ref writing, false);
        var counts = await Task.WhenAll(readers);
        Assert.All(counts, c => Assert.True(c >= 20));

        Assert.Equal(400 + (4 * 500) - (4 * 5), await collection.CountAsync());
        await collection.WaitForIndexAsync();
        Assert.Equal(await collection.CountAsync(), collection.Stats().Indexed);
        foreach (var w in Enumerable.Range(0, 4))
        {
            var own = vectors[400 + (w * 500) + 2];
            Assert.Equal($"w{w}-2", (await collection.SearchAsync(own, 1))[0].Id);
            Assert.Null(await collection.GetAsync($"w{w}-1"));
        }
    }
}
