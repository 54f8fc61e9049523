using System.Text.Json;
using Zordic.Collab.Replica;

namespace Zordic.Server.Tests.Hub;

public sealed class UndoTests
{
    static JsonElement J<T>(T value) => JsonSerializer.SerializeToElement(value);
    static readonly string[] Note = ["tracks", "t", "clips", "c", "notes", "n"];

    /// <summary>A project with a keys track, a clip and one note, and two collaborators in it.</summary>
    static async Task<(StudioHost Studio, string Id, StudioClient Ana, StudioClient Ben)> SetUpAsync()
    {
        var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Undo" })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """
            [{"type":"insert","path":["tracks","t"],"value":{"kind":"keys","order":"V"}},
             {"type":"insert","path":["tracks","t","clips","c"],"value":{"length_bars":1}},
             {"type":"insert","path":["tracks","t","clips","c","notes","n"],"value":{"pitch":60,"start_tick":0,"duration_ticks":240,"velocity":100}}]
            """);
        var ana = new StudioClient(studio, id, "ana", "ana-tab");
        var ben = new StudioClient(studio, id, "ben", "ben-tab");
        await ana.JoinAsync();
        await ben.JoinAsync();
        return (studio, id, ana, ben);
    }

    static async Task<JsonElement> DocAsync(StudioHost studio, string id) => await studio.GetJsonAsync($"/api/projects/{id}");
    static int Velocity(JsonElement doc) => doc.GetProperty("tracks")[0].GetProperty("clips")[0].GetProperty("notes")[0].GetProperty("velocity").GetInt32();

    [Fact]
    public async Task Undo_takes_back_only_the_callers_own_change_and_redo_puts_it_back()
    {
        var (studio, id, ana, ben) = await SetUpAsync();
        await using (studio) await using (ana) await using (ben)
        {
            await ana.EditAsync(me => me.Update([.. Note, "velocity"], J(30)));
            await ben.EditAsync(me => me.Update(["tracks", "t", "pan"], J(0.5)));
            var result = await ana.InvokeAsync("op:undo", new { });
            Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
            var doc = await DocAsync(studio, id);
            Assert.Equal(100, Velocity(doc));
            Assert.Equal(0.5, doc.GetProperty("tracks")[0].GetProperty("pan").GetDouble());

            Assert.True((await ana.InvokeAsync("op:redo", new { })).GetProperty("ok").GetBoolean());
            Assert.Equal(30, Velocity(await DocAsync(studio, id)));
            // Ben's undo is his own: it takes back his pan, not Ana's velocity.
            Assert.True((await ben.InvokeAsync("op:undo", new { })).GetProperty("ok").GetBoolean());
            doc = await DocAsync(studio, id);
            Assert.Equal(0, doc.GetProperty("tracks")[0].GetProperty("pan").GetDouble());
            Assert.Equal(30, Velocity(doc));
            // Everyone sees undo and redo as ordinary ops.
            await Eventually.HoldsAsync(() => ReplicaSnapshot.Write(ana.Confirmed).AsSpan().SequenceEqual(ReplicaSnapshot.Write(ben.Confirmed)), "both replicas agree");
        }
    }

    [Fact]
    public async Task Undo_keeps_a_collaborators_later_change_to_the_same_property_and_says_so()
    {
        var (studio, id, ana, ben) = await SetUpAsync();
        await using (studio) await using (ana) await using (ben)
        {
            await ana.EditAsync(me => me.Update([.. Note, "velocity"], J(30)));
            await Eventually.HoldsAsync(() => ben.Confirmed.ToDocument().Tracks[0].Clips[0].Notes[0].Velocity == 30, "ben sees ana's velocity");
            await ben.EditAsync(me => me.Update([.. Note, "velocity"], J(77)));
            var result = await ana.InvokeAsync("op:undo", new { });
            Assert.False(result.GetProperty("ok").GetBoolean());
            Assert.Equal("undo_conflict", result.GetProperty("code").GetString());
            Assert.Contains("velocity", result.GetProperty("message").GetString());
            Assert.Equal(77, Velocity(await DocAsync(studio, id)));
            await Eventually.HoldsAsync(() => ana.EventsNamed("op:rejected").Any(e => e.GetProperty("code").GetString() == "undo_conflict"), "ana is told");
        }
    }

    [Fact]
    public async Task Undo_of_a_batch_takes_back_the_parts_still_mine_and_keeps_the_rest()
    {
        var (studio, id, ana, ben) = await SetUpAsync();
        await using (studio) await using (ana) await using (ben)
        {
            // One action of Ana's changes velocity and pitch; Ben then changes the pitch.
            await ana.EditAsync(me => me.Update([.. Note, "velocity"], J(20)), send: false);
            await ana.EditAsync(me => me.Update([.. Note, "pitch"], J(72)), send: false);
            await ana.ResendPendingAsync();
            await Eventually.HoldsAsync(() => ben.Confirmed.ToDocument().Tracks[0].Clips[0].Notes[0].Pitch == 72, "ben sees the change");
            await ben.EditAsync(me => me.Update([.. Note, "pitch"], J(48)));
            var result = await ana.InvokeAsync("op:undo", new { });
            Assert.Equal("undo_conflict", result.GetProperty("code").GetString());
            Assert.Equal(1, result.GetProperty("applied").GetInt32());
            var note = (await DocAsync(studio, id)).GetProperty("tracks")[0].GetProperty("clips")[0].GetProperty("notes")[0];
            Assert.Equal(100, note.GetProperty("velocity").GetInt32());
            Assert.Equal(48, note.GetProperty("pitch").GetInt32());
        }
    }

    [Fact]
    public async Task Undoing_an_insert_deletes_it_and_undoing_a_delete_restores_it_with_everything_under_it()
    {
        var (studio, id, ana, ben) = await SetUpAsync();
        await using (studio) await using (ana) await using (ben)
        {
            await ana.EditAsync(me => me.Insert(["tracks", "t", "clips", "c", "notes", "m"], J(new { pitch = 64, start_tick = 240, duration_ticks = 240 })));
            Assert.True((await ana.InvokeAsync("op:undo", new { })).GetProperty("ok").GetBoolean());
            Assert.Equal(1, (await DocAsync(studio, id)).GetProperty("tracks")[0].GetProperty("clips")[0].GetProperty("notes").GetArrayLength());

            await ana.EditAsync(me => me.Delete(["tracks", "t"]));
            Assert.Equal(0, (await DocAsync(studio, id)).GetProperty("tracks").GetArrayLength());
            Assert.True((await ana.InvokeAsync("op:undo", new { })).GetProperty("ok").GetBoolean());
            var doc = await DocAsync(studio, id);
            Assert.Equal("keys", doc.GetProperty("tracks")[0].GetProperty("kind").GetString());
            Assert.Equal(100, Velocity(doc));
        }
    }

    [Fact]
    public async Task Undoing_an_insert_that_a_collaborator_has_since_edited_keeps_it()
    {
        var (studio, id, ana, ben) = await SetUpAsync();
        await using (studio) await using (ana) await using (ben)
        {
            await ana.EditAsync(me => me.Insert(["tracks", "t", "clips", "c", "notes", "m"], J(new { pitch = 64, start_tick = 240, duration_ticks = 240 })));
            await Eventually.HoldsAsync(() => ben.Confirmed.ToDocument().Tracks[0].Clips[0].Notes.Count == 2, "ben sees the note");
            await ben.EditAsync(me => me.Update(["tracks", "t", "clips", "c", "notes", "m", "velocity"], J(127)));
            var result = await ana.InvokeAsync("op:undo", new { });
            Assert.Equal("undo_conflict", result.GetProperty("code").GetString());
            Assert.Equal(2, (await DocAsync(studio, id)).GetProperty("tracks")[0].GetProperty("clips")[0].GetProperty("notes").GetArrayLength());
        }
    }

    [Fact]
    public async Task With_nothing_to_undo_or_redo_the_caller_is_told_and_nothing_changes()
    {
        var (studio, id, ana, ben) = await SetUpAsync();
        await using (studio) await using (ana) await using (ben)
        {
            var before = await studio.ReplicaStateAsync(id);
            Assert.Equal("nothing_to_undo", (await ana.InvokeAsync("op:undo", new { })).GetProperty("code").GetString());
            Assert.Equal("nothing_to_redo", (await ana.InvokeAsync("op:redo", new { })).GetProperty("code").GetString());
            await ana.EditAsync(me => me.Update(["swing"], J(0.3)));
            Assert.True((await ana.InvokeAsync("op:undo", new { })).GetProperty("ok").GetBoolean());
            // A new edit after an undo ends what could be redone.
            await ana.EditAsync(me => me.Update(["bpm"], J(101)));
            Assert.Equal("nothing_to_redo", (await ana.InvokeAsync("op:redo", new { })).GetProperty("code").GetString());
            Assert.NotEqual(before, await studio.ReplicaStateAsync(id));
        }
    }
}
