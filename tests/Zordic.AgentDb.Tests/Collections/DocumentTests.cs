using System.Text.Json;
using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Filters;

namespace Zordic.AgentDb.Tests.Collections;

public sealed class DocumentTests
{
    [Fact]
    public async Task Insert_find_upsert_delete_and_count_follow_the_seed_api()
    {
        using var directory = new TempDirectory();
        await using var db = await AgentDatabase.OpenAsync(directory.Path);
        var collection = await db.GetOrCreateCollectionAsync("beats", new CollectionOptions(4, DistanceMetric.L2));
        await collection.InsertManyAsync(
        [
            AgentDocument.Create("a", [1, 0, 0, 0], new { usage_count = 5, rating = 4.5, is_public = true }),
            AgentDocument.Create("b", [0, 1, 0, 0], new { usage_count = 50, rating = 3.0, is_public = true }),
            AgentDocument.Create("c", [0, 0, 1, 0], new { usage_count = 20, rating = 4.8, is_public = false }),
            AgentDocument.Create("d", [0, 0, 0, 1], new { usage_count = 1, rating = 4.1, is_public = true }),
        ]);

        Assert.Equal(4, await collection.CountAsync());
        Assert.Equal(2, await collection.CountAsync(Filter.Parse("""{"is_public": true, "rating": {"$gte": 4.0}}""")));
        var popular = await collection.FindAsync(Filter.Parse("""{"is_public": true}"""), SortOrder.Parse("""{"usage_count": -1}"""), limit: 2);
        Assert.Equal(["b", "a"], popular.Select(d => d.Id));
        var page = await collection.FindAsync(sort: SortOrder.By("usage_count"), limit: 2, skip: 1);
        Assert.Equal(["a", "c"], page.Select(d => d.Id));
        Assert.Equal("c", (await collection.FindOneAsync(Filter.Parse("""{"rating": {"$gt": 4.6}}""")))!.Id);
        Assert.Null(await collection.FindOneAsync(Filter.Parse("""{"id": "zzz"}""")));

        await collection.UpsertAsync(AgentDocument.Create("a", [0, 0, 0.9f, 0.1f], new { usage_count = 6 }));
        Assert.Equal(4, await collection.CountAsync());
        var a = await collection.GetAsync("a");
        Assert.Equal(6, a!.Metadata.GetProperty("usage_count").GetInt32());
        Assert.False(a.Metadata.TryGetProperty("rating", out _));
        var near = await collection.SearchAsync(new float[] { 0, 0, 1, 0 }, 2);
        Assert.Equal(["c", "a"], near.Select(h => h.Id));
        Assert.Equal(0, near[0].Distance, 5);
        Assert.Equal(1, near[0].Score, 5);

        Assert.True(await collection.DeleteAsync("c"));
        Assert.False(await collection.DeleteAsync("c"));
        Assert.Equal(3, await collection.CountAsync());
        Assert.Equal("a", (await collection.SearchAsync(new float[] { 0, 0, 1, 0 }, 1))[0].Id);
    }

    [Fact]
    public async Task Bad_input_is_a_clear_error_and_changes_nothing()
    {
        using var directory = new TempDirectory();
        await using var db = await AgentDatabase.OpenAsync(directory.Path);
        var collection = await db.GetOrCreateCollectionAsync("strict", new CollectionOptions(3, DistanceMetric.Cosine));
        await collection.InsertAsync(AgentDocument.Create("ok", [1, 2, 3], new { key = "C" }));

        await AssertRefused<AgentDbException>("has 2 dimensions", () => collection.InsertAsync(AgentDocument.Create("short", [1, 2])));
        await AssertRefused<AgentDbException>("NaN", () => collection.InsertAsync(AgentDocument.Create("nan", [1, float.NaN, 3])));
        await AssertRefused<AgentDbException>("Infinity", () => collection.InsertAsync(AgentDocument.Create("inf", [1, float.PositiveInfinity, 3])));
        await AssertRefused<AgentDbException>("zero vector", () => collection.InsertAsync(AgentDocument.Create("zero", [0, 0, 0])));
        await AssertRefused<AgentDbException>("metadata must be a JSON object", () => collection.InsertAsync(new AgentDocument("arr", [1, 1, 1], JsonDocument.Parse("[1]").RootElement)));
        await AssertRefused<AgentDbException>("non-empty id", () => collection.InsertAsync(AgentDocument.Create("", [1, 1, 1])));
        await AssertRefused<DuplicateIdException>("already holds", () => collection.InsertAsync(AgentDocument.Create("ok", [3, 2, 1])));
        await AssertRefused<AgentDbException>("appears twice", () => collection.InsertManyAsync([AgentDocument.Create("x", [1, 1, 1]), AgentDocument.Create("x", [1, 1, 2])]));

        // A batch with one bad document inserts none of them.
        await AssertRefused<AgentDbException>("has 4 dimensions", () => collection.InsertManyAsync([AgentDocument.Create("good", [1, 1, 1]), AgentDocument.Create("bad", [1, 1, 1, 1])]));
        await AssertRefused<DuplicateIdException>("already holds", () => collection.InsertManyAsync([AgentDocument.Create("good2", [1, 1, 1]), AgentDocument.Create("ok", [1, 1, 1])]));

        await AssertRefused<AgentDbException>("has 4 dimensions", () => collection.SearchAsync(new float[] { 1, 2, 3, 4 }));
        await AssertRefused<AgentDbException>("NaN", () => collection.SearchAsync(new float[] { 1, float.NaN, 3 }));
        await AssertRefused<ArgumentOutOfRangeException>("limit", () => collection.SearchAsync(new float[] { 1, 2, 3 }, 0));

        Assert.Equal(1, await collection.CountAsync());
        var ok = await collection.GetAsync("ok");
        Assert.Equal([1f, 2f, 3f], ok!.Embedding);

        await AssertRefused<AgentDbException>("exists with dimension 3", () => db.GetOrCreateCollectionAsync("strict", new CollectionOptions(8, DistanceMetric.Cosine)));
        await AssertRefused<AgentDbException>("metric Cosine", () => db.GetOrCreateCollectionAsync("strict", new CollectionOptions(3, DistanceMetric.L2)));
        await AssertRefused<AgentDbException>("does not exist", () => db.CollectionAsync("nope"));
        await AssertRefused<AgentDbException>("is invalid", () => db.GetOrCreateCollectionAsync("bad name; drop", new CollectionOptions(3)));
        await AssertRefused<ArgumentOutOfRangeException>("dimension", () => db.GetOrCreateCollectionAsync("zero", new CollectionOptions(0)));
        Assert.Equal(["strict"], db.CollectionNames);
    }

    [Fact]
    public async Task Product_collections_are_created_on_demand()
    {
        using var directory = new TempDirectory();
        await using var db = await AgentDatabase.OpenAsync(directory.Path);
        foreach (var name in ProductCollections.Names)
        {
            var collection = await db.CollectionAsync(name);
            Assert.Equal(768, collection.Options.Dimension);
            Assert.Equal(DistanceMetric.Cosine, collection.Options.Metric);
        }

        Assert.Equal(ProductCollections.Names.Order(StringComparer.Ordinal), db.CollectionNames);
        Assert.Same(await db.CollectionAsync("memory"), await db.CollectionAsync("memory"));
    }

    private static async Task AssertRefused<T>(string message, Func<Task> action)
        where T : Exception
    {
        var error = await Assert.ThrowsAnyAsync<T>(action);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
