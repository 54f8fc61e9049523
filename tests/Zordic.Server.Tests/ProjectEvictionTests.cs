using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;
using Zordic.Server.Storage;

namespace Zordic.Server.Tests;

public sealed class ProjectEvictionTests : IDisposable
{
    readonly string _data = Directory.CreateTempSubdirectory("zordic-evict-").FullName;
    static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_idle_project_is_snapshotted_let_go_and_opens_again_as_it_was()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new SqliteProjectStore(_data);
        var catalog = new ProjectCatalog(store, clock);
        var created = await catalog.CreateAsync("Idle song", 85, null, "ana", None);
        var id = created.Document.Id;
        await catalog.EditAsync(id, "ana", s => [s.Next(OperationType.Insert, ["tracks", "drums"], JsonSerializer.SerializeToElement(new { kind = "drums", order = "V" }))], None);
        var before = await catalog.ReadAsync(id, (replica, seq) => (Convert.ToBase64String(ReplicaSnapshot.Write(replica)), seq), None);

        Assert.Equal(0, await catalog.EvictIdleAsync(TimeSpan.FromMinutes(10), None)); // just used
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, await catalog.EvictIdleAsync(TimeSpan.FromMinutes(10), None));
        Assert.Equal(0, catalog.OpenCount);
        Assert.Equal(before.seq, (await store.LoadSnapshotAsync(id, None))!.Sequence);

        var after = await catalog.ReadAsync(id, (replica, seq) => (Convert.ToBase64String(ReplicaSnapshot.Write(replica)), seq), None);
        Assert.Equal(before, after);
        Assert.Equal(1, catalog.OpenCount);
    }

    [Fact]
    public async Task A_project_someone_is_using_stays_open()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var catalog = new ProjectCatalog(new SqliteProjectStore(_data), clock);
        var id = (await catalog.CreateAsync("Busy song", null, null, "ana", None)).Document.Id;
        using var holding = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var reader = Task.Run(() => catalog.ReadAsync(id, (_, seq) => { holding.Release(); release.Wait(); return seq; }, None));
        await holding.WaitAsync();
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await catalog.EvictIdleAsync(TimeSpan.FromMinutes(10), None));
        release.Release();
        await reader;
        Assert.Equal(0, await catalog.EvictIdleAsync(TimeSpan.FromMinutes(10), None)); // the read just now counts as use
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, await catalog.EvictIdleAsync(TimeSpan.FromMinutes(10), None));
    }

    [Fact]
    public async Task Edits_racing_evictions_are_all_kept()
    {
        var catalog = new ProjectCatalog(new SqliteProjectStore(_data), TimeProvider.System, snapshotEvery: 7);
        var id = (await catalog.CreateAsync("Raced song", null, null, "ana", None)).Document.Id;
        var evictions = 0;
        // The others hold the project most of the time: try until it is free for a moment.
        async Task<int> EvictSoonAsync()
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                if (await catalog.EvictIdleAsync(TimeSpan.Zero, None) is var n and > 0) return n;
                await Task.Yield();
            }
            return 0;
        }

        // Each writer also evicts now and then, so evictions land while the others wait for the gate.
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var results = await catalog.EditAsync(id, $"user{w}", s =>
                    [s.Next(OperationType.Insert, ["tracks", $"t{w}-{i}"], JsonSerializer.SerializeToElement(new { kind = "keys", order = $"V{w}{i:D2}1" }))], None, sessionId: $"s{w}");
                var result = Assert.Single(results);
                Assert.True(result.Status == OperationStatus.Applied, $"{result.Status}: {result.Rejection}");
                if (i % 4 == 0) Interlocked.Add(ref evictions, await EvictSoonAsync());
            }
        })).ToArray();
        await Task.WhenAll(writers);

        Assert.True(evictions > 0, "the race never evicted: it tested nothing");
        var document = (await catalog.GetAsync(id, None))!;
        Assert.Equal(160, document.Document.Tracks.Count);
        Assert.Equal(161, document.Sequence); // the name, then every track
        var store = new SqliteProjectStore(_data);
        var reopened = (await new ProjectCatalog(store).GetAsync(id, None))!;
        Assert.Equal(160, reopened.Document.Tracks.Count);
        // Each writer's ops are numbered 1, 2, 3 … in its session: an edit made on a copy already let go
        // would leave the open copy behind and number the writer's next op twice.
        var logged = await store.ReadAsync(id, 0, 1000, None);
        foreach (var session in logged.Where(l => l.Operation.SessionId != ProjectCatalog.ApiSession).GroupBy(l => l.Operation.SessionId))
            Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), session.Select(l => l.Operation.Sequence));
    }

    [Fact]
    public async Task The_running_studio_lets_idle_projects_go_and_serves_them_again()
    {
        await using var studio = await StudioHost.StartAsync(keepIdleProjectsOpen: TimeSpan.FromSeconds(1));
        var catalog = studio.Services.GetRequiredService<ProjectCatalog>();
        var response = await studio.Client.PostAsJsonAsync("/api/projects", new { name = "Left alone", bpm = 70 });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (catalog.OpenCount > 0 && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        Assert.Equal(0, catalog.OpenCount);
        var document = await studio.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(70, document.GetProperty("bpm").GetDouble());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
