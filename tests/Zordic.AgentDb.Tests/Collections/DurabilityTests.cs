using System.Diagnostics;
using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Filters;

namespace Zordic.AgentDb.Tests.Collections;

public sealed class DurabilityTests
{
    // Graph-path tests must not depend on whether this machine scans faster than it walks the graph.
    private static readonly AgentDatabaseOptions GraphAlways = new() { IgnoreScanTiming = true };

    [Fact]
    public async Task Reopen_after_close_keeps_documents_and_reuses_the_saved_graph()
    {
        using var directory = new TempDirectory();
        var vectors = TestData.Clustered(3020, 24, seed: 11);
        var documents = TestData.Documents(vectors[..3000]);
        var before = new List<string[]>();
        await using (var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways))
        {
            var collection = await db.GetOrCreateCollectionAsync("keep", new CollectionOptions(24, DistanceMetric.Cosine) { ExactScanWork = 0 });
            await collection.InsertManyAsync(documents);
            await collection.DeleteAsync("doc7");
            await collection.WaitForIndexAsync();
            foreach (var query in vectors[3000..])
            {
                before.Add([.. (await collection.SearchAsync(query, 10)).Select(h => h.Id)]);
            }
        }

        await using (var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways))
        {
            Assert.Equal(["keep"], db.CollectionNames);
            var collection = await db.CollectionAsync("keep");
            Assert.Equal(2999, await collection.CountAsync());

            // The graph came back from disk: everything is indexed without waiting for a rebuild.
            Assert.Equal(2999, collection.Stats().Indexed);
            Assert.Null(await collection.GetAsync("doc7"));
            var doc5 = await collection.GetAsync("doc5");
            Assert.NotNull(doc5);
            Assert.Equal(documents[5].Embedding, doc5.Embedding);
            Assert.Equal(documents[5].Metadata.GetRawText(), doc5.Metadata.GetRawText());
            var i = 0;
            foreach (var query in vectors[3000..])
            {
                var after = (await collection.SearchAsync(query, 10)).Select(h => h.Id).ToArray();
                Assert.Equal(string.Join(",", before[i++]), string.Join(",", after));
            }
        }
    }

    [Fact]
    public async Task A_stale_saved_graph_is_detected_and_rebuilt()
    {
        using var directory = new TempDirectory();
        var documents = TestData.Documents(TestData.Clustered(2500, 16, seed: 12));
        var indexes = Path.Combine(directory.Path, "indexes");
        var stash = Path.Combine(directory.Path, "stash");
        await using (var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways))
        {
            var collection = await db.GetOrCreateCollectionAsync("stale", new CollectionOptions(16, DistanceMetric.L2) { ExactScanWork = 0 });
            await collection.InsertManyAsync(documents);
            await collection.CheckpointAsync();
            CopyDirectory(indexes, stash);

            // Deleted after the checkpoint: the stashed graph still holds these documents.
            Assert.Equal(250, await collection.DeleteManyAsync(Filter.Parse("""{"label": 4}""")));
        }

        Directory.Delete(indexes, recursive: true);
        CopyDirectory(stash, indexes);
        await using (var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways))
        {
            var collection = await db.CollectionAsync("stale");
            Assert.Equal(2250, await collection.CountAsync());
            await collection.WaitForIndexAsync();
            Assert.Equal(2250, collection.Stats().Indexed);
            foreach (var document in documents.Where(d => d.Metadata.GetProperty("label").GetInt32() == 4).Take(20))
            {
                var hits = await collection.SearchAsync(document.Embedding, 10);
                Assert.DoesNotContain(hits, h => h.Id == document.Id);
                Assert.Equal(10, hits.Count);
            }
        }
    }

    [Fact]
    public async Task A_process_killed_with_SIGKILL_loses_no_acknowledged_insert()
    {
        using var directory = new TempDirectory();
        var acknowledged = new List<string>();
        for (var round = 0; round < 2; round++)
        {
            // Kill at a different point each round: after 400 acks, then 250 more.
            acknowledged.AddRange(await RunAndKillAsync(directory.Path, acks: round == 0 ? 400 : 250));
        }

        await using var db = await AgentDatabase.OpenAsync(directory.Path, GraphAlways);
        var collection = await db.CollectionAsync("crash");
        var count = await collection.CountAsync();
        Assert.InRange(count, acknowledged.Count, acknowledged.Count + 2);
        foreach (var id in acknowledged)
        {
            Assert.NotNull(await collection.GetAsync(id));
        }

        // Index ⇔ documents: once the graph has caught up, every document finds itself and no ghost appears.
        await collection.WaitForIndexAsync();
        Assert.Equal(count, collection.Stats().Indexed);
        var all = await collection.FindAsync(limit: count);
        var ids = all.Select(d => d.Id).ToHashSet();
        foreach (var document in all.Where((_, i) => i % 25 == 0))
        {
            var hits = await collection.SearchAsync(document.Embedding, 5);
            Assert.Equal(document.Id, hits[0].Id);
            Assert.All(hits, h => Assert.Contains(h.Id, ids));
        }
    }

    private static async Task<List<string>> RunAndKillAsync(string directory, int acks)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "Zordic.AgentDb.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var received = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (received.Count < acks)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException($"writer exited early: {await process.StandardError.ReadToEndAsync()}");
            }

            received.Add(line["ack ".Length..]);
        }

        // Process.Kill sends SIGKILL on Unix: no finaliser, no dispose, no flush.
        process.Kill();
        await process.WaitForExitAsync();

        // Acks printed before the kill but not yet read still count.
        string? rest;
        while ((rest = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            if (rest.StartsWith("ack ", StringComparison.Ordinal))
            {
                received.Add(rest["ack ".Length..]);
            }
        }

        Assert.Equal(137, process.ExitCode);
        return received;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
