using Microsoft.Extensions.Time.Testing;
using Zordic.AgentDb;
using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Filters;
using Zordic.Agents.Embeddings;
using Zordic.Agents.Swarm;

namespace Zordic.Agents.Tests.Swarm;

/// <summary>Composing must not grow AgentDb forever: patterns nobody answered go, answered ones stay.</summary>
public sealed class PatternRetentionTests
{
    [Fact]
    public async Task Unanswered_patterns_go_after_their_time_or_beyond_the_cap_and_answered_ones_stay()
    {
        var directory = Directory.CreateTempSubdirectory("zordic-retention-").FullName;
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using (var db = await AgentDatabase.OpenAsync(directory, new AgentDatabaseOptions { ProductEmbeddingDimension = Embedding.Dimensions }))
        {
            var beats = await db.CollectionAsync("beat_patterns");
            var now = clock.GetUtcNow();
            async Task Add(string id, TimeSpan age, string? feedback) =>
                await beats.InsertAsync(AgentDocument.Create(id, Vector(id), feedback is null
                    ? new { created_at = (now - age).ToUnixTimeMilliseconds() }
                    : new { created_at = (now - age).ToUnixTimeMilliseconds(), feedback }));
            for (var i = 0; i < 10; i++) await Add($"stale-{i}", TimeSpan.FromDays(8), null);
            for (var i = 0; i < 3; i++) await Add($"kept-{i}", TimeSpan.FromDays(30), i == 0 ? "discarded" : "kept");
            for (var i = 0; i < 30; i++) await Add($"fresh-{i:00}", TimeSpan.FromMinutes(30 - i), null);

            var forgotten = await new PatternLibrary(db, clock).ForgetUnansweredAsync(TimeSpan.FromDays(7), keepAtMost: 20, CancellationToken.None);

            Assert.Equal(20, forgotten);
            var left = (await beats.FindAsync(Filter.All, limit: 100)).Select(d => d.Id).Order().ToList();
            Assert.Equal([.. Enumerable.Range(10, 20).Select(i => $"fresh-{i:00}"), "kept-0", "kept-1", "kept-2"], left);
        }
        Directory.Delete(directory, recursive: true);
    }

    static float[] Vector(string id)
    {
        var random = new Random(id.GetHashCode(StringComparison.Ordinal));
        return [.. Enumerable.Range(0, Embedding.Dimensions).Select(_ => (float)random.NextDouble() - 0.5f)];
    }
}
