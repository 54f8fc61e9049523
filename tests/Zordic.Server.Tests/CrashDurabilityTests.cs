using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zordic.Collab;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Server.Storage;

namespace Zordic.Server.Tests;

public sealed class CrashDurabilityTests
{
    [Fact]
    public async Task Every_acknowledged_op_survives_a_kill_9_in_the_middle_of_a_stream_of_edits()
    {
        var data = Directory.CreateTempSubdirectory("zordic-crash-").FullName;
        var acknowledged = new ConcurrentBag<string>();
        string projectId;
        await using (var server = await ZordicProcess.ServeAsync(data))
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
            var created = await (await http.PostAsJsonAsync("/api/projects", new { name = "Crash" })).Content.ReadFromJsonAsync<JsonElement>();
            projectId = created.GetProperty("id").GetString()!;
            using var stop = new CancellationTokenSource();
            // Four writers, each its own session, sending single-op batches as fast as the server acknowledges them.
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                var session = new EditingSession(new ProjectReplica(projectId), $"writer-{w}", $"w{w}");
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var op = session.Update(["bpm"], JsonSerializer.SerializeToElement(60 + (i % 300)));
                    try
                    {
                        var body = new StringContent("[" + Encoding.UTF8.GetString(CollabJson.Serialize(op)) + "]", Encoding.UTF8, "application/json");
                        var response = await http.PostAsync($"/api/projects/{projectId}/ops", body);
                        var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
                        if (result.GetProperty("status").GetString() == "applied") acknowledged.Add(op.OpId);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or IOException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToArray();
            while (acknowledged.Count < 300) await Task.Delay(10);
            server.KillHard();
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        var store = new SqliteProjectStore(data);
        var logged = (await store.FindOperationsAsync(projectId, [.. acknowledged], CancellationToken.None)).Select(o => o.OpId).ToHashSet();
        Assert.DoesNotContain(acknowledged, id => !logged.Contains(id));
        Assert.True(acknowledged.Count >= 300);

        // The log reopens whole: every logged op applies and the server serves the project again.
        await using var restarted = await ZordicProcess.ServeAsync(data);
        using var client = new HttpClient { BaseAddress = new Uri(restarted.Url) };
        var doc = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}");
        Assert.True(doc.GetProperty("seq").GetInt64() >= acknowledged.Count + 1);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_server_killed_during_an_import_leaves_no_track_half_imported()
    {
        var data = Directory.CreateTempSubdirectory("zordic-crash-").FullName;
        string projectId;
        await using (var server = await ZordicProcess.ServeAsync(data))
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
            projectId = (await (await http.PostAsJsonAsync("/api/projects", new { name = "Cut short" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var file = new ByteArrayContent(Hardening.ImportChunkTests.Song(tracks: 20, notesPerTrack: 10_000));
            file.Headers.ContentType = new("audio/midi");
            var import = http.PostAsync($"/api/projects/{projectId}/midi", file);
            // Several chunks in the log, the import not done: kill it there.
            while ((await http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}")).GetProperty("seq").GetInt64() < 3 * Collab.Projects.ProjectCatalog.ImportChunk)
            {
                Assert.False(import.IsCompleted, "the import finished before it could be cut short");
                await Task.Delay(20);
            }
            server.KillHard();
            await Assert.ThrowsAnyAsync<Exception>(() => import);
        }

        await using var restarted = await ZordicProcess.ServeAsync(data);
        using var client = new HttpClient { BaseAddress = new Uri(restarted.Url) };
        var document = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}");
        Assert.True(document.GetProperty("seq").GetInt64() >= 3 * Collab.Projects.ProjectCatalog.ImportChunk);
        Assert.Equal(0, document.GetProperty("tracks").GetArrayLength());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
