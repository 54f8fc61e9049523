using System.Text.Json;
using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Filters;
using Zordic.AgentDb.Index;

namespace Zordic.AgentDb.Tests.Collections;

public sealed class SearchTests
{
    // Graph-path tests must not depend on whether this machine scans faster than it walks the graph.
    private static readonly AgentDatabaseOptions GraphAlways = new() { IgnoreScanTiming = true };

    private static readonly string[] Filters =
    [
        """{"label": 3}""",
        """{"tags": "lofi"}""",
        """{"label": {"$in": [1, 2, 5]}, "is_public": true}""",
        """{"$or": [{"rating": {"$gte": 3.5}}, {"label": 0}]}""",
        """{"$not": {"tags": "rock"}, "label": {"$lt": 4}}""",
        """{"label": 42}""",
    ];

    [Theory]
    [InlineData(DistanceMetric.L2, Quantization.F32)]
    [InlineData(DistanceMetric.Cosine, Quantization.F32)]
    [InlineData(DistanceMetric.InnerProduct, Quantization.F32)]
    [InlineData(DistanceMetric.Cosine, Quantization.I8)]
    [InlineData(DistanceMetric.L2, Quantization.I8)]
    [InlineData(DistanceMetric.L2, Quantization.F16)]
    public async Task Small_collections_search_exactly_with_and_without_filters(DistanceMetric metric, Quantization quantization)
    {
        using var directory = new TempDirectory();
        await using var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways);
        var collection = await db.GetOrCreateCollectionAsync("patterns", new CollectionOptions(24, metric) { Quantization = quantization });
        var documents = TestData.Documents(TestData.Clustered(1200, 24, seed: 1));
        await collection.InsertManyAsync(documents);
        var queries = TestData.Clustered(1220, 24, seed: 1)[1200..];
        double found = 0, expected = 0;
        foreach (var json in Filters)
        {
            var filter = Filter.Parse(json);
            foreach (var query in queries)
            {
                var hits = await collection.SearchAsync(query, 10, filter);
                var truth = TestData.BruteForce(documents, query, 10, metric, d => filter.Matches(d.Metadata));
                Assert.Equal(truth.Length, hits.Count);
                Assert.All(hits, h => Assert.True(filter.Matches(h.Metadata), $"{h.Id} does not match {json}"));
                found += hits.Count(h => truth.Contains(h.Id));
                expected += truth.Length;
                foreach (var hit in hits)
                {
                    var document = documents.Single(d => d.Id == hit.Id);
                    var exact = TestData.Distance(document.Embedding, query, metric);
                    Assert.True(Math.Abs(exact - hit.Distance) <= 1e-4 * Math.Max(1, Math.Abs(exact)), $"distance {hit.Distance} vs exact {exact}");
                }

                for (var i = 1; i < hits.Count; i++)
                {
                    Assert.True(hits[i - 1].Distance <= hits[i].Distance);
                }
            }
        }

        // f32 scans are exact; quantized scans are re-ranked on exact vectors, which misses almost nothing.
        Assert.True(found / expected >= (quantization == Quantization.F32 ? 1.0 : 0.99), $"recall {found / expected}");
    }

    [Fact]
    public async Task Graph_search_meets_recall_and_filtered_graph_search_returns_limit_matching_hits()
    {
        using var directory = new TempDirectory();
        await using var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways);
        // Target 0.95: calibration only has to pick the graph; the assertions below check the recall reached.
        var options = new CollectionOptions(32, DistanceMetric.L2) { ExactScanWork = 0, TargetRecall = 0.95 };
        var collection = await db.GetOrCreateCollectionAsync("graph", options);
        // Queries come from the same distribution as the data (the last 40 vectors, not inserted).
        var vectors = TestData.Clustered(4040, 32, seed: 3);
        var documents = TestData.Documents(vectors[..4000]);
        await collection.InsertManyAsync(documents);
        await collection.WaitForIndexAsync();

        Assert.True(collection.ExplainSearch(10).Strategy == SearchStrategy.Graph, collection.ExplainSearch(10).Reason);
        var half = Filter.Parse("""{"is_public": true}""");
        Assert.Equal(SearchStrategy.FilteredGraph, collection.ExplainSearch(10, half).Strategy);
        Assert.Equal(SearchStrategy.ExactScan, collection.ExplainSearch(10, Filter.Parse("""{"label": 3}""")).Strategy);

        double recall = 0, filteredRecall = 0;
        var queries = vectors[4000..];
        foreach (var query in queries)
        {
            var hits = await collection.SearchAsync(query, 10);
            recall += TestData.Recall(hits.Select(h => h.Id), TestData.BruteForce(documents, query, 10, DistanceMetric.L2));
            var filtered = await collection.SearchAsync(query, 10, half);
            Assert.Equal(10, filtered.Count);
            Assert.All(filtered, h => Assert.True(half.Matches(h.Metadata)));
            filteredRecall += TestData.Recall(filtered.Select(h => h.Id), TestData.BruteForce(documents, query, 10, DistanceMetric.L2, d => half.Matches(d.Metadata)));
        }

        Assert.True(recall / queries.Length >= 0.97, $"graph recall {recall / queries.Length}, {collection.Stats()}");
        Assert.True(filteredRecall / queries.Length >= 0.97, $"filtered graph recall {filteredRecall / queries.Length}");
        Assert.Equal(4000, collection.Stats().Indexed);
    }

    [Fact]
    public async Task Documents_not_yet_in_the_graph_are_found_by_the_tail_scan()
    {
        using var directory = new TempDirectory();
        await using var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways);
        var collection = await db.GetOrCreateCollectionAsync("fresh", new CollectionOptions(16, DistanceMetric.Cosine) { ExactScanWork = 0 });
        await collection.InsertManyAsync(TestData.Documents(TestData.Clustered(3000, 16, seed: 5)));
        await collection.WaitForIndexAsync();

        // Every freshly acknowledged insert must be its own nearest neighbour, graph or not.
        foreach (var (vector, i) in TestData.Clustered(50, 16, seed: 6).Select((v, i) => (v, i)))
        {
            await collection.InsertAsync(AgentDocument.Create($"new{i}", vector));
            var hits = await collection.SearchAsync(vector, 1);
            Assert.Equal($"new{i}", hits[0].Id);
            Assert.Equal(0, hits[0].Distance, 4);
            Assert.Equal(1, hits[0].Score, 4);
        }
    }

    [Fact]
    public async Task Fewer_matches_than_limit_returns_all_matches()
    {
        using var directory = new TempDirectory();
        await using var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways);
        var collection = await db.GetOrCreateCollectionAsync("few", new CollectionOptions(8) { ExactScanWork = 0 });
        var documents = TestData.Documents(TestData.Clustered(3000, 8, seed: 7));
        await collection.InsertManyAsync(documents);
        await collection.WaitForIndexAsync();
        var rare = Filter.Parse("""{"$and": [{"label": 3}, {"rating": 0}]}""");
        var expected = documents.Count(d => rare.Matches(d.Metadata));
        Assert.InRange(expected, 1, 99);
        var hits = await collection.SearchAsync(documents[0].Embedding, 100, rare);
        Assert.Equal(expected, hits.Count);
        Assert.Empty(await collection.SearchAsync(documents[0].Embedding, 5, Filter.Parse("""{"label": "none"}""")));
    }

    [Fact]
    public async Task Seed_recommendation_flow_works_end_to_end()
    {
        using var directory = new TempDirectory();
        await using var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways);
        var beats = await db.CollectionAsync("beat_patterns");
        var melodies = await db.CollectionAsync("melody_patterns");
        Assert.Equal(768, beats.Options.Dimension);
        var vectors = TestData.Clustered(60, 768, seed: 8);
        await beats.InsertAsync(AgentDocument.Create("xyz", vectors[0], new { key = "C", duration_bars = 4, bpm = 90 }));
        await melodies.InsertManyAsync([.. vectors.Skip(1).Select((v, i) => AgentDocument.Create($"m{i}", v, new { key = i % 2 == 0 ? "C" : "G", duration_bars = 4 }))]);

        var beat = await beats.FindOneAsync(Filter.Parse("""{"id": "xyz"}"""));
        Assert.NotNull(beat);
        Assert.Equal(vectors[0], beat.Embedding);
        var key = beat.Metadata.GetProperty("key").GetString();
        var similar = await melodies.SearchAsync(beat.Embedding, 5, Filter.FromObject(new { key, duration_bars = 4 }));
        Assert.Equal(5, similar.Count);
        Assert.All(similar, m => Assert.Equal("C", m.Metadata.GetProperty("key").GetString()));
        Assert.All(similar, m => Assert.InRange(m.Score, -1f, 1f));
    }
}
