using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zordic.Collab;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;

namespace Zordic.Server.Tests;

public sealed class OperationApiTests
{
    static JsonElement J<T>(T value) => JsonSerializer.SerializeToElement(value);

    static string Batch(params CollaborativeOperation[] ops) =>
        "[" + string.Join(",", ops.Select(o => Encoding.UTF8.GetString(CollabJson.Serialize(o)))) + "]";

    [Fact]
    public async Task Bare_edits_are_stamped_by_the_server_and_change_the_document()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Edits" })).GetProperty("id").GetString()!;
        var response = await studio.PostOpsAsync(id, """
            [{"type":"insert","path":["tracks","drums-1"],"value":{"kind":"drums","order":"V"}},
             {"type":"insert","path":["tracks","drums-1","clips","c1"],"value":{"start_bar":0,"length_bars":2}},
             {"type":"insert","path":["tracks","drums-1","clips","c1","notes","kick-1"],"value":{"pitch":36,"start_tick":0,"duration_ticks":120,"velocity":110}},
             {"type":"update","path":["tracks","drums-1","clips","c1","notes","kick-1","velocity"],"value":90},
             {"type":"update","path":["tracks","drums-1","volume"],"value":-6}]
            """);
        var results = response.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("applied", r.GetProperty("status").GetString()));
        Assert.Equal([2L, 3, 4, 5, 6], results.Select(r => r.GetProperty("seq").GetInt64()));
        var doc = await studio.GetJsonAsync($"/api/projects/{id}");
        var track = doc.GetProperty("tracks")[0];
        Assert.Equal("drums", track.GetProperty("kind").GetString());
        Assert.Equal("drum-kit", track.GetProperty("instrument").GetString());
        Assert.Equal(-6, track.GetProperty("volume").GetDouble());
        var note = track.GetProperty("clips")[0].GetProperty("notes")[0];
        Assert.Equal(90, note.GetProperty("velocity").GetInt32());
        Assert.Equal(36, note.GetProperty("pitch").GetInt32());
        Assert.Equal(6, doc.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Whole_ops_from_sessions_apply_and_a_resent_op_is_a_duplicate_that_changes_nothing()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Sessions" })).GetProperty("id").GetString()!;
        var alice = new EditingSession(new ProjectReplica(id), "alice", "tab-a");
        var insert = alice.Insert(["tracks", "bass-1"], J(new { kind = "bass", order = "k" }));
        var pan = alice.Update(["tracks", "bass-1", "pan"], J(-0.5));
        var first = await studio.PostOpsAsync(id, Batch(insert, pan));
        Assert.Equal(2, first.GetProperty("applied").GetInt32());
        var before = await studio.GetJsonAsync($"/api/projects/{id}");

        var again = await studio.PostOpsAsync(id, Batch(insert, pan, pan));
        var results = again.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("duplicate", r.GetProperty("status").GetString()));
        Assert.Equal(first.GetProperty("results")[1].GetProperty("seq").GetInt64(), results[2].GetProperty("seq").GetInt64());
        Assert.Equal(before.GetRawText(), (await studio.GetJsonAsync($"/api/projects/{id}")).GetRawText());
    }

    [Fact]
    public async Task Bad_ops_in_a_batch_are_rejected_one_by_one_with_reasons_and_change_nothing()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Bad ops", bpm = 100 })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """[{"type":"insert","path":["tracks","t"],"value":{"kind":"keys","order":"V"}}, {"type":"insert","path":["tracks","t","clips","c"],"value":{}}, {"type":"insert","path":["tracks","t","clips","c","notes","n"],"value":{"pitch":60,"start_tick":0,"duration_ticks":240}}]""");
        var before = await studio.GetJsonAsync($"/api/projects/{id}");
        var response = await studio.PostOpsAsync(id, """
            [{"type":"update","path":["tracks","t","clips","c","notes","n","pitch"],"value":200},
             {"type":"update","path":["tracks","t","clips","c","notes","n","velocity"],"value":0},
             {"type":"update","path":["bpm"],"value":5},
             {"type":"update","path":["tracks","t","clips","c","notes","n","duration_ticks"],"value":-1},
             {"type":"update","path":["tracks","nope","volume"],"value":-3},
             {"type":"delete","path":["bpm"]},
             {"type":"update","path":["tracks","t","mute"],"value":"yes"},
             {"type":"explode","path":["bpm"],"value":1},
             {"type":"insert","path":["tracks","t"],"value":{"kind":"keys","order":"V"}}]
            """);
        var codes = response.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("status").GetString(), r.GetProperty("code").GetString())).ToList();
        Assert.Equal([("rejected", "out_of_range"), ("rejected", "out_of_range"), ("rejected", "out_of_range"), ("rejected", "out_of_range"),
            ("rejected", "not_found"), ("rejected", "type_mismatch"), ("rejected", "invalid_value"), ("rejected", "malformed"), ("rejected", "already_exists")], codes);
        Assert.All(response.GetProperty("results").EnumerateArray(), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetString())));
        Assert.Equal(0, response.GetProperty("applied").GetInt32());
        Assert.Equal(before.GetRawText(), (await studio.GetJsonAsync($"/api/projects/{id}")).GetRawText());
    }

    [Fact]
    public async Task A_good_op_after_a_bad_one_in_the_same_batch_still_applies()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Mixed" })).GetProperty("id").GetString()!;
        var response = await studio.PostOpsAsync(id, """[{"type":"update","path":["swing"],"value":3},{"type":"update","path":["swing"],"value":0.25}]""");
        Assert.Equal("rejected", response.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal("applied", response.GetProperty("results")[1].GetProperty("status").GetString());
        Assert.Equal(0.25, (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("swing").GetDouble());
    }

    [Theory]
    [InlineData("{\"type\":\"update\"}", HttpStatusCode.BadRequest, "malformed")]
    [InlineData("[1,", HttpStatusCode.BadRequest, "malformed")]
    public async Task A_body_that_is_not_an_array_of_ops_is_a_problem(string body, HttpStatusCode status, string code)
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Body" })).GetProperty("id").GetString()!;
        await Problem.AssertAsync(await studio.Client.PostAsync($"/api/projects/{id}/ops", new StringContent(body, Encoding.UTF8, "application/json")), status, code);
    }

    [Fact]
    public async Task Ops_for_an_unknown_project_mixed_kinds_and_oversized_batches_are_problems()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Limits" })).GetProperty("id").GetString()!;
        await Problem.AssertAsync(await studio.Client.PostAsync("/api/projects/does-not-exist/ops", new StringContent("[]", Encoding.UTF8, "application/json")), HttpStatusCode.NotFound, "unknown_project");
        var session = new EditingSession(new ProjectReplica(id), "u", "s1");
        var whole = Batch(session.Update(["bpm"], J(99)))[1..^1];
        var mixed = $$"""[{{whole}}, {"type":"update","path":["bpm"],"value":98}]""";
        await Problem.AssertAsync(await studio.Client.PostAsync($"/api/projects/{id}/ops", new StringContent(mixed, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "malformed");
        var tooMany = "[" + string.Join(",", Enumerable.Repeat("""{"type":"update","path":["bpm"],"value":98}""", 5001)) + "]";
        await Problem.AssertAsync(await studio.Client.PostAsync($"/api/projects/{id}/ops", new StringContent(tooMany, Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge, "too_large");
        Assert.Equal(120, (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("bpm").GetDouble());
    }

    [Fact]
    public async Task Catch_up_by_version_vector_returns_exactly_the_ops_a_replica_lacks()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Catch-up" })).GetProperty("id").GetString()!;
        var alice = new EditingSession(new ProjectReplica(id), "alice", "sa");
        var bob = new EditingSession(new ProjectReplica(id), "bob", "sb");
        var aliceOps = new List<CollaborativeOperation>();
        var bobOps = new List<CollaborativeOperation>();
        for (var i = 0; i < 6; i++)
        {
            aliceOps.Add(alice.Update(["bpm"], J(100 + i)));
            await studio.PostOpsAsync(id, Batch(aliceOps[^1]));
            bobOps.Add(bob.Update(["swing"], J(i / 10.0)));
            await studio.PostOpsAsync(id, Batch(bobOps[^1]));
        }
        for (var a = 0; a <= 6; a += 2)
            for (var b = 0; b <= 6; b += 3)
            {
                var known = Uri.EscapeDataString($$"""{"sa":{{a}},"sb":{{b}},"api":1}""");
                var page = await studio.GetJsonAsync($"/api/projects/{id}/ops?version_vector={known}");
                var got = page.GetProperty("ops").EnumerateArray().Select(o => o.GetProperty("op").GetProperty("op_id").GetString()!).ToHashSet();
                var expected = aliceOps.Skip(a).Concat(bobOps.Skip(b)).Select(o => o.OpId).ToHashSet();
                Assert.Equal(expected, got);
            }
        var all = await studio.GetJsonAsync($"/api/projects/{id}/ops?version_vector={Uri.EscapeDataString("{}")}");
        Assert.Equal(13, all.GetProperty("ops").GetArrayLength());
    }

    [Fact]
    public async Task The_log_pages_from_a_position_and_rebuilds_the_same_document()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Pages" })).GetProperty("id").GetString()!;
        for (var i = 0; i < 25; i++) await studio.PostOpsAsync(id, $$"""[{"type":"update","path":["bpm"],"value":{{60 + i}}}]""");
        var replica = new ProjectReplica(id);
        long since = 0;
        var pages = 0;
        while (true)
        {
            var page = await studio.GetJsonAsync($"/api/projects/{id}/ops?since={since}&limit=7");
            foreach (var logged in page.GetProperty("ops").EnumerateArray())
            {
                Assert.Equal(since + 1, logged.GetProperty("seq").GetInt64());
                since = logged.GetProperty("seq").GetInt64();
                Assert.Null(replica.Apply(CollabJson.ParseOperation(logged.GetProperty("op"))));
            }
            pages++;
            if (!page.GetProperty("has_more").GetBoolean()) break;
        }
        Assert.Equal(4, pages);
        Assert.Equal(26, since);
        Assert.Equal(84, replica.ToDocument().Bpm);
        await Problem.AssertAsync(await studio.Client.GetAsync($"/api/projects/{id}/ops?since=-1"), HttpStatusCode.BadRequest, "invalid_value");
        await Problem.AssertAsync(await studio.Client.GetAsync($"/api/projects/{id}/ops?version_vector=%5B"), HttpStatusCode.BadRequest, "invalid_value");
        await Problem.AssertAsync(await studio.Client.GetAsync("/api/projects/nope/ops?since=0"), HttpStatusCode.NotFound, "unknown_project");
    }

    [Fact]
    public async Task A_restarted_server_shows_the_same_documents_from_snapshots_and_the_log()
    {
        var studio = await StudioHost.StartAsync(snapshotEvery: 10);
        var id = (await studio.CreateProjectAsync(new { name = "Durable", key = "F# dorian" })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """[{"type":"insert","path":["tracks","t"],"value":{"kind":"lead","order":"V"}},{"type":"insert","path":["tracks","t","clips","c"],"value":{"length_bars":4}}]""");
        for (var i = 0; i < 33; i++)
            await studio.PostOpsAsync(id, $$$"""[{"type":"insert","path":["tracks","t","clips","c","notes","n{{{i}}}"],"value":{"pitch":{{{60 + i % 12}}},"start_tick":{{{i * 120}}},"duration_ticks":120}}]""");
        await studio.PostOpsAsync(id, """[{"type":"delete","path":["tracks","t","clips","c","notes","n3"]}]""");
        var before = await studio.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(32, before.GetProperty("tracks")[0].GetProperty("clips")[0].GetProperty("notes").GetArrayLength());
        studio = await studio.RestartAsync(snapshotEvery: 10);
        await using (studio)
        {
            Assert.Equal(before.GetRawText(), (await studio.GetJsonAsync($"/api/projects/{id}")).GetRawText());
            var store = (Zordic.Collab.Projects.IProjectStore)studio.Services.GetService(typeof(Zordic.Collab.Projects.IProjectStore))!;
            var snapshot = await store.LoadSnapshotAsync(id, CancellationToken.None);
            Assert.NotNull(snapshot);
            Assert.True(snapshot.Sequence >= 30, $"snapshot at {snapshot.Sequence}");
        }
    }
}
