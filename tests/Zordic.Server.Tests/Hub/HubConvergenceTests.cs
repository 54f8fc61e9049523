using System.Text.Json;
using Zordic.Collab;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Music.Document;

namespace Zordic.Server.Tests.Hub;

public sealed class HubConvergenceTests
{
    static JsonElement J<T>(T value) => JsonSerializer.SerializeToElement(value);

    /// <summary>A random edit on what the client currently sees: mostly notes, some mixer and tempo changes, some deletes.</summary>
    static CollaborativeOperation RandomEdit(EditingSession me, Random random, int serial)
    {
        var doc = me.Replica.ToDocument();
        var tracks = doc.Tracks;
        var clips = tracks.SelectMany(t => t.Clips.Select(c => (t, c))).ToList();
        var notes = clips.SelectMany(tc => tc.c.Notes.Select(n => (tc.t, tc.c, n))).ToList();
        var id = $"{me.SessionId}-{serial}";
        var roll = random.Next(100);
        if (tracks.Count < 2 || roll < 4)
            return me.Insert(["tracks", id], J(new { kind = TrackKinds.All[random.Next(7)], order = FractionalIndex.Between(tracks.LastOrDefault()?.Order, null) }));
        if (clips.Count < 2 || roll < 10)
            return me.Insert(["tracks", tracks[random.Next(tracks.Count)].Id, "clips", id], J(new { start_bar = random.Next(8), length_bars = 1 + random.Next(4) }));
        if (notes.Count < 5 || roll < 50)
        {
            var (t, c) = clips[random.Next(clips.Count)];
            return me.Insert(["tracks", t.Id, "clips", c.Id, "notes", id], J(new { pitch = 36 + random.Next(40), start_tick = random.Next(16) * 120, duration_ticks = 120, velocity = 60 + random.Next(60) }));
        }
        if (roll < 75)
        {
            var (t, c, n) = notes[random.Next(notes.Count)];
            return me.Update(["tracks", t.Id, "clips", c.Id, "notes", n.Id, random.Next(2) == 0 ? "velocity" : "pitch"], J(1 + random.Next(120)));
        }
        if (roll < 85)
        {
            var (t, c, n) = notes[random.Next(notes.Count)];
            return me.Delete(["tracks", t.Id, "clips", c.Id, "notes", n.Id]);
        }
        if (roll < 95) return me.Update(["tracks", tracks[random.Next(tracks.Count)].Id, "volume"], J(-random.Next(30)));
        if (roll < 97) return me.Delete(["tracks", tracks[random.Next(tracks.Count)].Id, "clips", clips[random.Next(clips.Count)].c.Id]);
        return me.Update(["bpm"], J(80 + random.Next(80)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Three_clients_editing_at_once_end_identical_to_the_server_and_to_the_op_log(int seed)
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Jam" })).GetProperty("id").GetString()!;
        var clients = new[] { "ana", "ben", "cy" }.Select(u => new StudioClient(studio, id, u, $"{u}-tab")).ToArray();
        foreach (var c in clients) await c.JoinAsync();

        await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            var random = new Random(seed * 100 + index);
            for (var i = 0; i < 120; i++)
            {
                await client.EditAsync(me => RandomEdit(me, random, i));
                if (random.Next(4) == 0) await Task.Delay(random.Next(3));
            }
        })));

        var serverSeq = (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("seq").GetInt64();
        await Eventually.HoldsAsync(() => clients.All(c => c.PendingCount == 0 && c.AppliedSequences.LastOrDefault() == serverSeq), "every client has every op");
        var server = await studio.ReplicaStateAsync(id);

        // A fresh replica rebuilt from the op log.
        var fromLog = new ProjectReplica(id);
        var log = await studio.GetJsonAsync($"/api/projects/{id}/ops?since=0&limit=50000");
        foreach (var logged in log.GetProperty("ops").EnumerateArray()) Assert.Null(fromLog.Apply(CollabJson.ParseOperation(logged.GetProperty("op"))));
        Assert.Equal(server, ReplicaSnapshot.Write(fromLog));
        foreach (var client in clients)
        {
            Assert.Equal(server, ReplicaSnapshot.Write(client.Confirmed));
            Assert.Equal(server, ReplicaSnapshot.Write(client.Local));
            Assert.Equal(client.AppliedSequences.Count, client.AppliedSequences.Distinct().Count());
        }
        Assert.True(serverSeq > 300, $"only {serverSeq} ops were logged");
        Assert.Empty(studio.Log.Entries);
    }

    [Fact]
    public async Task A_client_that_drops_catches_up_exactly_and_loses_no_offline_edit()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Drop" })).GetProperty("id").GetString()!;
        await using var ana = new StudioClient(studio, id, "ana", "ana-tab");
        await using var ben = new StudioClient(studio, id, "ben", "ben-tab");
        await ana.JoinAsync();
        await ben.JoinAsync();
        await ana.EditAsync(me => me.Insert(["tracks", "t"], J(new { kind = "keys", order = "V" })));
        await ana.EditAsync(me => me.Insert(["tracks", "t", "clips", "c"], J(new { length_bars = 2 })));
        await Eventually.HoldsAsync(() => ben.Confirmed.ToDocument().Tracks is [{ Clips.Count: 1 }], "ben sees the track and its clip");
        var seenBeforeDrop = ben.AppliedSequences.ToHashSet();

        await ben.Connection.StopAsync();
        for (var i = 0; i < 10; i++)
            await ana.EditAsync(me => me.Insert(["tracks", "t", "clips", "c", "notes", $"a{i}"], J(new { pitch = 60 + i, start_tick = i * 120, duration_ticks = 120 })));
        // Ben keeps working offline: his edits wait as pending ops.
        for (var i = 0; i < 5; i++)
            await ben.EditAsync(me => me.Insert(["tracks", "t", "clips", "c", "notes", $"b{i}"], J(new { pitch = 40 + i, start_tick = i * 240, duration_ticks = 60 })), send: false);
        await ben.EditAsync(me => me.Update(["tracks", "t", "volume"], J(-9)), send: false);

        var eventsBefore = ben.Events.Count;
        await ben.JoinAsync(withVersionVector: true);
        await ben.ResendPendingAsync();
        await ben.ResendPendingAsync(); // a second resend (a lost acknowledgement) changes nothing
        await Eventually.HoldsAsync(() => ben.PendingCount == 0 && ben.Confirmed.ToDocument().Tracks[0].Clips[0].Notes.Count == 15, "ben has everything");
        await Eventually.HoldsAsync(() => ana.Confirmed.ToDocument().Tracks[0].Clips[0].Notes.Count == 15, "ana has ben's offline notes");

        var sync = ben.Events.Skip(eventsBefore).First(e => e.Name == "state:sync").Payload;
        var caughtUp = sync.GetProperty("ops").EnumerateArray().Select(o => o.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(10, caughtUp.Count); // exactly ana's ten notes, nothing he had
        Assert.Empty(caughtUp.Intersect(seenBeforeDrop));
        Assert.Equal(ben.AppliedSequences.Count, ben.AppliedSequences.Distinct().Count());
        var server = await studio.ReplicaStateAsync(id);
        Assert.Equal(server, ReplicaSnapshot.Write(ben.Confirmed));
        Assert.Equal(server, ReplicaSnapshot.Write(ana.Confirmed));
        Assert.Equal(-9, ben.Confirmed.ToDocument().Tracks[0].Volume);
    }

    [Fact]
    public async Task A_join_without_a_version_vector_gets_the_document_and_the_replica_state()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Fresh", bpm = 99 })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """[{"type":"insert","path":["tracks","t"],"value":{"kind":"drums","order":"V"}}]""");
        await using var ana = new StudioClient(studio, id, "ana", "ana-tab");
        await ana.JoinAsync(withVersionVector: false);
        await Eventually.HoldsAsync(() => ana.EventsNamed("state:sync").Any(), "state:sync");
        var sync = ana.EventsNamed("state:sync").Single();
        Assert.Equal(99, sync.GetProperty("document").GetProperty("bpm").GetDouble());
        Assert.Equal(3, sync.GetProperty("seq").GetInt64()); // name, bpm, track
        Assert.Equal(await studio.ReplicaStateAsync(id), ReplicaSnapshot.Write(ana.Confirmed));
        var joined = ana.EventsNamed("session:joined").Single();
        Assert.Equal("ana", joined.GetProperty("user").GetProperty("user_id").GetString());
        Assert.True(ana.Events.ToList().FindIndex(e => e.Name == "session:joined") < ana.Events.ToList().FindIndex(e => e.Name == "state:sync"));
    }

    [Fact]
    public async Task Ops_from_the_rest_api_reach_hub_clients_like_any_other()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Rest" })).GetProperty("id").GetString()!;
        await using var ana = new StudioClient(studio, id, "ana", "ana-tab");
        await ana.JoinAsync();
        await studio.PostOpsAsync(id, """[{"type":"update","path":["bpm"],"value":133}]""");
        await Eventually.HoldsAsync(() => ana.Confirmed.ToDocument().Bpm == 133, "the REST edit reaches the client");
    }
}
