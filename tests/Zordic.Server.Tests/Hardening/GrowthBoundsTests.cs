using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zordic.Collab.Projects;
using Zordic.Server.Agents;
using Zordic.Server.Fanout;
using Zordic.Server.Hubs;
using Zordic.Server.Tests.Hub;

namespace Zordic.Server.Tests.Hardening;

/// <summary>
/// Finding 4: state that grew without bound. Each kind now has a bound: quotas refuse with a code, a
/// session's fan-out goes when its last member leaves, a catch-up too long is sent as the whole project,
/// and open suggestions are capped.
/// </summary>
public sealed class GrowthBoundsTests
{
    [Fact]
    public async Task Past_a_quota_an_insert_is_refused_with_quota_exceeded_and_changes_nothing()
    {
        await using var studio = await StudioHost.StartAsync(quotas: new ProjectQuotas { MaxTracks = 3, MaxNotesPerClip = 2 });
        var id = (await studio.CreateProjectAsync(new { name = "Small" })).GetProperty("id").GetString()!;
        var tracks = await studio.PostOpsAsync(id, """
            [{"type":"insert","path":["tracks","a"],"value":{"kind":"drums","order":"a"}},
             {"type":"insert","path":["tracks","b"],"value":{"kind":"bass","order":"b"}},
             {"type":"delete","path":["tracks","b"]},
             {"type":"insert","path":["tracks","c"],"value":{"kind":"lead","order":"c"}},
             {"type":"insert","path":["tracks","d"],"value":{"kind":"pad","order":"d"}},
             {"type":"insert","path":["tracks","a","clips","k"],"value":{"length_bars":1}},
             {"type":"insert","path":["tracks","a","clips","k","notes","n1"],"value":{"pitch":36,"start_tick":0,"duration_ticks":120}},
             {"type":"insert","path":["tracks","a","clips","k","notes","n2"],"value":{"pitch":38,"start_tick":0,"duration_ticks":120}},
             {"type":"insert","path":["tracks","a","clips","k","notes","n3"],"value":{"pitch":42,"start_tick":0,"duration_ticks":120}}]
            """);
        var codes = tracks.GetProperty("results").EnumerateArray().Select(r => r.TryGetProperty("code", out var c) ? c.GetString() : null).ToList();
        Assert.Equal([null, null, null, null, "quota_exceeded", null, null, null, "quota_exceeded"], codes);
        var document = await studio.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(["a", "c"], document.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_session_costs_nothing_once_everyone_has_left()
    {
        await using var studio = await StudioHost.StartAsync();
        var fanout = studio.Services.GetRequiredService<SessionFanout>();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await studio.CreateProjectAsync(new { name = $"P{i}" })).GetProperty("id").GetString()!);
        var clients = new List<StudioClient>();
        foreach (var id in ids)
        {
            var client = new StudioClient(studio, id, "u", $"tab-{id}");
            await client.JoinAsync(withVersionVector: false);
            clients.Add(client);
        }
        Assert.Equal(5, fanout.SessionCount);
        // Edits to projects nobody has joined create no session.
        foreach (var id in ids) await studio.PostOpsAsync(id, """[{"type":"update","path":["bpm"],"value":90}]""");
        foreach (var client in clients) await client.DisposeAsync();
        await Eventually.HoldsAsync(() => fanout.SessionCount == 0, "every session to close");
        await studio.PostOpsAsync(ids[0], """[{"type":"update","path":["bpm"],"value":91}]""");
        Assert.Equal(0, fanout.SessionCount);
    }

    [Fact]
    public async Task A_join_that_would_catch_up_on_too_many_ops_is_sent_the_whole_project()
    {
        await using var studio = await StudioHost.StartAsync(hub: new StudioHubOptions { MaxCatchUpOps = 50 });
        var id = (await studio.CreateProjectAsync(new { name = "Long" })).GetProperty("id").GetString()!;
        var edits = string.Join(",", Enumerable.Range(0, 200).Select(i => $$"""{"type":"update","path":["swing"],"value":{{i % 10 / 10.0}}}"""));
        await studio.PostOpsAsync(id, $"[{edits}]");

        await using var late = new StudioClient(studio, id, "late", "tab-late");
        await late.JoinAsync(); // with its (empty) version vector: it lacks all 201 ops
        var sync = late.EventsNamed("state:sync").Single();
        Assert.True(sync.TryGetProperty("replica", out _));
        Assert.False(sync.TryGetProperty("ops", out _));
        Assert.Equal(await studio.ReplicaDocumentAsync(id), JsonSerializer.Serialize(late.Confirmed.ToDocument()));

        await using var recent = new StudioClient(studio, id, "recent", "tab-recent");
        await recent.Connection.StartAsync();
        var joined = await recent.InvokeAsync("session:join", new { project_id = id, user_id = "recent", since = 190 });
        Assert.True(joined.GetProperty("ok").GetBoolean());
        await Eventually.HoldsAsync(() => recent.EventsNamed("state:sync").Any(), "the catch-up");
        Assert.Equal(11, recent.EventsNamed("state:sync").Single().GetProperty("ops").GetArrayLength());
    }

    [Fact]
    public async Task Open_suggestions_are_capped_per_project()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Ideas" })).GetProperty("id").GetString()!;
        for (var i = 0; i < 20; i++)
        {
            var response = await studio.Client.PostAsJsonAsync($"/api/projects/{id}/agents/compose", new { prompt = "lo-fi beat, 85 bpm, A minor", seed = i + 1 });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(SuggestionBoard.MaxOpenPerProject, studio.Services.GetRequiredService<SuggestionBoard>().OpenCount);
    }
}
