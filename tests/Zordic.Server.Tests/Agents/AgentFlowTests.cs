using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zordic.Server.Agents;
using Zordic.Server.Tests.Hub;

namespace Zordic.Server.Tests.Agents;

public sealed class AgentFlowTests
{
    const string Prompt = "lo-fi beat, 85 bpm, A minor, laid back";

    [Fact]
    public async Task A_prompt_in_the_session_brings_a_beat_a_melody_and_chords_that_can_be_kept_undone_or_thrown_away()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Agents" })).GetProperty("id").GetString()!;
        await using var ana = new StudioClient(studio, id, "ana", "ana-tab");
        await using var ben = new StudioClient(studio, id, "ben", "ben-tab");
        await ana.JoinAsync();
        await ben.JoinAsync();

        var composed = await ana.InvokeAsync("agent:compose", new { prompt = Prompt, seed = 7 });
        Assert.True(composed.GetProperty("ok").GetBoolean(), composed.GetRawText());
        var requestId = composed.GetProperty("request_id").GetString();
        await Eventually.HoldsAsync(() => ben.EventsNamed("agent:suggestion").Count() == 3 && ana.EventsNamed("agent:suggestion").Count() == 3, "three suggestions reach both");
        var suggestions = ana.EventsNamed("agent:suggestion").ToList();
        Assert.Equal(["beat", "harmony", "melody"], suggestions.Select(s => s.GetProperty("kind").GetString()).Order());
        Assert.All(suggestions, s => Assert.Equal(requestId, s.GetProperty("request_id").GetString()));
        var beat = suggestions.Single(s => s.GetProperty("kind").GetString() == "beat");
        Assert.Equal(85, beat.GetProperty("bpm").GetDouble());
        Assert.Equal("A minor", beat.GetProperty("key").GetString());
        var melody = suggestions.Single(s => s.GetProperty("kind").GetString() == "melody");
        Assert.Equal("melody", melody.GetProperty("agent").GetString());
        Assert.NotEmpty(melody.GetProperty("sketch").GetProperty("tracks")[0].GetProperty("notes").EnumerateArray());

        // Keep the beat and the melody: they arrive as ops of the agents' users.
        Assert.True((await ana.InvokeAsync("agent:accept", new { suggestion_id = beat.GetProperty("suggestion_id").GetString() })).GetProperty("ok").GetBoolean());
        Assert.True((await ana.InvokeAsync("agent:accept", new { suggestion_id = melody.GetProperty("suggestion_id").GetString() })).GetProperty("ok").GetBoolean());
        var doc = await studio.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(85, doc.GetProperty("bpm").GetDouble());
        Assert.Equal("A", doc.GetProperty("key").GetProperty("tonic").GetString());
        Assert.Equal(["drums", "lead"], doc.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        await Eventually.HoldsAsync(() => ben.Confirmed.ToDocument().Tracks.Count == 2, "ben gets the agents' tracks");
        var log = await studio.GetJsonAsync($"/api/projects/{id}/ops?since={doc.GetProperty("seq").GetInt64() - 1}");
        Assert.Equal("agent:melody", log.GetProperty("ops")[0].GetProperty("op").GetProperty("user_id").GetString());

        // Ana's undo takes the melody away again; the harmony is thrown away by Ben.
        Assert.True((await ana.InvokeAsync("op:undo", new { })).GetProperty("ok").GetBoolean());
        Assert.Equal(["drums"], (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        var harmony = suggestions.Single(s => s.GetProperty("kind").GetString() == "harmony").GetProperty("suggestion_id").GetString();
        Assert.True((await ben.InvokeAsync("agent:reject", new { suggestion_id = harmony })).GetProperty("ok").GetBoolean());
        Assert.Equal("unknown_suggestion", (await ben.InvokeAsync("agent:accept", new { suggestion_id = harmony })).GetProperty("code").GetString());

        var agents = studio.Services.GetRequiredService<StudioAgents>();
        var traces = await agents.Database.CollectionAsync("learning_traces");
        Assert.Equal(3, await traces.CountAsync());
        Assert.Equal(1, await traces.CountAsync(AgentDb.Filters.Filter.Parse("""{"success": false, "agent_type": "harmony"}""")));
        // The patterns learn their answers: the seed's rating and usage count, and what the answer was.
        var keptBeat = (await (await agents.Database.CollectionAsync("beat_patterns")).GetAsync(beat.GetProperty("suggestion_id").GetString()!))!.Metadata;
        Assert.Equal((1.0, 1, "kept"), (keptBeat.GetProperty("rating").GetDouble(), keptBeat.GetProperty("usage_count").GetInt32(), keptBeat.GetProperty("feedback").GetString()));
        var discarded = (await (await agents.Database.CollectionAsync("harmony_patterns")).GetAsync(harmony!))!.Metadata;
        Assert.Equal((-1.0, 0, "discarded"), (discarded.GetProperty("rating").GetDouble(), discarded.GetProperty("usage_count").GetInt32(), discarded.GetProperty("feedback").GetString()));
        var memory = await agents.Database.CollectionAsync("memory");
        Assert.NotNull(await memory.GetAsync($"swarm/beat/{beat.GetProperty("suggestion_id").GetString()}"));
        Assert.Equal(1, await (await agents.Database.CollectionAsync("melody_patterns")).CountAsync());
        Assert.Empty(studio.Log.Entries);
    }

    [Fact]
    public async Task Compose_over_http_answers_with_all_three_parts_and_the_same_seed_gives_the_same_music()
    {
        // The same seed on the same library gives the same music; what a studio has made before joins in
        // as inspiration (similar melodies), so compare two fresh studios.
        await using var other = await StudioHost.StartAsync();
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Seeds" })).GetProperty("id").GetString()!;
        var otherId = (await other.CreateProjectAsync(new { name = "Seeds" })).GetProperty("id").GetString()!;
        static async Task<JsonElement> ComposeAsync(StudioHost host, string project, object body)
        {
            var response = await host.Client.PostAsJsonAsync($"/api/projects/{project}/agents/compose", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        var first = await ComposeAsync(studio, id, new { prompt = "trap 140 with rolling hats", seed = 99 });
        var twin = await ComposeAsync(other, otherId, new { prompt = "trap 140 with rolling hats", seed = 99 });
        var different = await ComposeAsync(studio, id, new { prompt = "trap 140 with rolling hats", seed = 100 });
        await ComposeAsync(studio, id, new { prompt = "house 124", seed = 5 });
        static string Music(JsonElement r) => string.Join("|", r.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("sketch").GetRawText()));
        Assert.Equal(3, first.GetProperty("suggestions").GetArrayLength());
        Assert.Equal(Music(first), Music(twin));
        Assert.NotEqual(Music(first), Music(different));

        await Problem.AssertAsync(await studio.Client.PostAsJsonAsync($"/api/projects/{id}/agents/compose", new { prompt = "" }), HttpStatusCode.BadRequest, "invalid_prompt");
        await Problem.AssertAsync(await studio.Client.PostAsJsonAsync("/api/projects/nope/agents/compose", new { prompt = "house 124" }), HttpStatusCode.NotFound, "unknown_project");
        await Problem.AssertAsync(await studio.Client.PostAsync($"/api/projects/{id}/agents/suggestions/nope/accept", null), HttpStatusCode.NotFound, "unknown_suggestion");

        var status = await studio.GetJsonAsync("/api/agents");
        var byId = status.EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal(["beat", "harmony", "melody", "visual"], byId.Keys.Order());
        Assert.All(byId.Values, a => Assert.Equal("closed", a.GetProperty("breaker").GetString()));
        Assert.Equal(3, byId["beat"].GetProperty("handled").GetInt64());
        Assert.Equal(0, byId["melody"].GetProperty("failed").GetInt64());
        static string[] Topics(JsonElement agent) => [.. agent.GetProperty("subscriptions").EnumerateArray().Select(t => t.GetString()!)];
        Assert.Equal(["beat.created", "harmony.requested"], Topics(byId["harmony"]));
        Assert.Equal(["beat.created"], Topics(byId["melody"]));
    }

    [Fact]
    public async Task A_discarded_melody_no_longer_inspires_the_next_ones_and_a_kept_one_does()
    {
        // Seed 2's melody in a fresh studio, with no melody before it to borrow from.
        const string prompt = "boom bap 90";
        static async Task<JsonElement> ComposeAsync(StudioHost host, string project, int seed) =>
            await (await host.Client.PostAsJsonAsync($"/api/projects/{project}/agents/compose", new { prompt, seed })).Content.ReadFromJsonAsync<JsonElement>();
        static JsonElement Melody(JsonElement composed) => composed.GetProperty("suggestions").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "melody");
        async Task<string> SecondMelodyAsync(string? answerFirst)
        {
            await using var studio = await StudioHost.StartAsync();
            var id = (await studio.CreateProjectAsync(new { name = "Learning" })).GetProperty("id").GetString()!;
            if (answerFirst is not null)
            {
                var first = Melody(await ComposeAsync(studio, id, 1)).GetProperty("suggestion_id").GetString();
                var answered = await studio.Client.PostAsync($"/api/projects/{id}/agents/suggestions/{first}/{answerFirst}", null);
                Assert.True(answered.IsSuccessStatusCode, answerFirst);
            }
            return Melody(await ComposeAsync(studio, id, 2)).GetProperty("sketch").GetRawText();
        }
        var alone = await SecondMelodyAsync(null);
        Assert.Equal(alone, await SecondMelodyAsync("reject"));
        Assert.NotEqual(alone, await SecondMelodyAsync("accept"));
    }

    /// <summary>
    /// A project with "Tune" (a lead track: "Twinkle" in G, bars 0–3 in one clip and again from bar 4 in a
    /// second clip), "Kit" (drums) and "Empty" (keys, no notes).
    /// </summary>
    static async Task<string> MelodyProjectAsync(StudioHost studio)
    {
        var id = (await studio.CreateProjectAsync(new { name = "Harmonize", bpm = 96 })).GetProperty("id").GetString()!;
        int[] pitches = [67, 67, 74, 74, 76, 76, 74, 72, 72, 71, 71, 69, 69, 67];
        int[] beats = [1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2];
        var ops = new List<string>
        {
            """{"type":"insert","path":["tracks","lead"],"value":{"kind":"lead","name":"Tune","order":"a"}}""",
            """{"type":"insert","path":["tracks","kit"],"value":{"kind":"drums","name":"Kit","order":"b"}}""",
            """{"type":"insert","path":["tracks","kit","clips","k"],"value":{"length_bars":1}}""",
            """{"type":"insert","path":["tracks","kit","clips","k","notes","h"],"value":{"pitch":36,"start_tick":0,"duration_ticks":120,"velocity":100}}""",
            """{"type":"insert","path":["tracks","empty"],"value":{"kind":"keys","name":"Empty","order":"c"}}""",
        };
        foreach (var (clip, startBar) in new[] { ("first", 0), ("again", 4) })
        {
            ops.Add($$$"""{"type":"insert","path":["tracks","lead","clips","{{{clip}}}"],"value":{"start_bar":{{{startBar}}},"length_bars":4}}""");
            var tick = 0;
            for (var i = 0; i < pitches.Length; i++)
            {
                ops.Add($$$"""{"type":"insert","path":["tracks","lead","clips","{{{clip}}}","notes","{{{clip}}}{{{i}}}"],"value":{"pitch":{{{pitches[i]}}},"start_tick":{{{tick}}},"duration_ticks":{{{beats[i] * 480 - 20}}},"velocity":96}}""");
                tick += beats[i] * 480;
            }
        }
        await studio.PostOpsAsync(id, "[" + string.Join(",", ops) + "]");
        return id;
    }

    [Fact]
    public async Task A_melody_track_gets_chords_and_a_bass_line_from_the_harmony_agent_for_everyone_to_keep()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = await MelodyProjectAsync(studio);
        await using var ana = new StudioClient(studio, id, "ana", "ana-tab");
        await using var ben = new StudioClient(studio, id, "ben", "ben-tab");
        await ana.JoinAsync();
        await ben.JoinAsync();

        var asked = await ana.InvokeAsync("agent:harmonize", new { track_id = "lead" });
        Assert.True(asked.GetProperty("ok").GetBoolean(), asked.GetRawText());
        await Eventually.HoldsAsync(() => ben.EventsNamed("agent:suggestion").Any() && ana.EventsNamed("agent:suggestion").Any(), "the chords reach both");
        var suggestion = ben.EventsNamed("agent:suggestion").Single();
        Assert.Equal(asked.GetProperty("request_id").GetString(), suggestion.GetProperty("request_id").GetString());
        Assert.Equal(("harmony", "harmony", "ana"), (suggestion.GetProperty("kind").GetString(), suggestion.GetProperty("agent").GetString(), suggestion.GetProperty("requested_by").GetString()));
        Assert.Equal("Chords for Tune", suggestion.GetProperty("prompt").GetString());
        Assert.Equal("G major", suggestion.GetProperty("key").GetString());
        Assert.Equal((96.0, 8), (suggestion.GetProperty("bpm").GetDouble(), suggestion.GetProperty("bars").GetInt32()));
        var tracks = suggestion.GetProperty("sketch").GetProperty("tracks");
        Assert.Equal(["chords", "bass"], tracks.EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        var bass = tracks[1].GetProperty("notes").EnumerateArray().ToDictionary(n => n.GetProperty("start").GetInt32(), n => n.GetProperty("pitch").GetInt32() % 12);
        // The tune starts and ends on G, both times: the second clip (from bar 4) is harmonized where it plays.
        Assert.Equal(7, bass[0]);
        Assert.Equal(7, bass[4 * 1920]);
        Assert.Equal(7, bass.MaxBy(b => b.Key).Value);

        // What cannot be harmonized is refused with a reason, and nothing is asked.
        Assert.Equal("not_a_melody", (await ana.InvokeAsync("agent:harmonize", new { track_id = "kit" })).GetProperty("code").GetString());
        var empty = await ana.InvokeAsync("agent:harmonize", new { track_id = "empty" });
        Assert.Equal("not_a_melody", empty.GetProperty("code").GetString());
        Assert.Contains("no notes", empty.GetProperty("message").GetString());
        Assert.Equal("unknown_track", (await ana.InvokeAsync("agent:harmonize", new { track_id = "nope" })).GetProperty("code").GetString());
        Assert.Equal("malformed", (await ana.InvokeAsync("agent:harmonize", new { track = "lead" })).GetProperty("code").GetString());
        var agents = studio.Services.GetRequiredService<StudioAgents>();
        await Eventually.HoldsAsync(() => agents.Engine.Status().Single(a => a.Id == "harmony") is { Handled: 1, Failed: 0 }, "the harmony agent was asked once");

        // Ben keeps them: two tracks of the harmony agent's user join the song, which takes their key (it was C major).
        Assert.Equal("C", (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("key").GetProperty("tonic").GetString());
        Assert.True((await ben.InvokeAsync("agent:accept", new { suggestion_id = suggestion.GetProperty("suggestion_id").GetString() })).GetProperty("ok").GetBoolean());
        var doc = await studio.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(["lead", "drums", "keys", "chords", "bass"], doc.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        Assert.Equal(("G", "major", 96.0), (doc.GetProperty("key").GetProperty("tonic").GetString(), doc.GetProperty("key").GetProperty("mode").GetString(), doc.GetProperty("bpm").GetDouble()));
        await Eventually.HoldsAsync(() => ana.Confirmed.ToDocument().Tracks.Count == 5, "ana gets the chords");
        // One undo takes back both: the tracks and the key.
        Assert.True((await ben.InvokeAsync("op:undo", new { })).GetProperty("ok").GetBoolean());
        var undone = await studio.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal((3, "C"), (undone.GetProperty("tracks").GetArrayLength(), undone.GetProperty("key").GetProperty("tonic").GetString()));
        var stored = await (await agents.Database.CollectionAsync("harmony_patterns")).CountAsync(AgentDb.Filters.Filter.Parse("""{"melody_track_id": "lead"}"""));
        Assert.Equal(1, stored);
        Assert.Empty(studio.Log.Entries);
    }

    [Fact]
    public async Task Harmonize_over_http_answers_with_the_chords_in_the_projects_key_or_says_why_not()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = await MelodyProjectAsync(studio);
        var response = await studio.Client.PostAsJsonAsync($"/api/projects/{id}/agents/harmonize", new { track_id = "lead" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var suggestion = body.GetProperty("suggestions").EnumerateArray().Single();
        Assert.Equal(body.GetProperty("request_id").GetString(), suggestion.GetProperty("request_id").GetString());
        Assert.Equal(("harmony", "api"), (suggestion.GetProperty("kind").GetString(), suggestion.GetProperty("requested_by").GetString()));
        var again = await (await studio.Client.PostAsJsonAsync($"/api/projects/{id}/agents/harmonize", new { track_id = "lead" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(suggestion.GetProperty("sketch").GetRawText(), again.GetProperty("suggestions")[0].GetProperty("sketch").GetRawText());

        await Problem.AssertAsync(await studio.Client.PostAsJsonAsync($"/api/projects/{id}/agents/harmonize", new { track_id = "kit" }), HttpStatusCode.BadRequest, "not_a_melody");
        await Problem.AssertAsync(await studio.Client.PostAsJsonAsync($"/api/projects/{id}/agents/harmonize", new { track_id = "nope" }), HttpStatusCode.NotFound, "unknown_track");
        await Problem.AssertAsync(await studio.Client.PostAsJsonAsync($"/api/projects/{id}/agents/harmonize", new { track_id = 5 }), HttpStatusCode.BadRequest, "invalid_value");
        await Problem.AssertAsync(await studio.Client.PostAsJsonAsync("/api/projects/nope/agents/harmonize", new { track_id = "lead" }), HttpStatusCode.NotFound, "unknown_project");

        // Two bars hummed around A (A B D E D B A G …): D major to the harmonizer alone, as good as G major.
        // In a project in E minor (G major's notes) the chords are in E minor.
        var ops = new List<string> { """{"type":"insert","path":["tracks","hum"],"value":{"kind":"lead","name":"Hum","order":"d"}}""",
                                     """{"type":"insert","path":["tracks","hum","clips","c"],"value":{"length_bars":2}}""" };
        int[] hum = [69, 71, 74, 76, 74, 71, 69, 67, 69, 71, 74, 71, 69, 67, 69, 69];
        for (var i = 0; i < hum.Length; i++)
            ops.Add($$$"""{"type":"insert","path":["tracks","hum","clips","c","notes","n{{{i}}}"],"value":{"pitch":{{{hum[i]}}},"start_tick":{{{i * 240}}},"duration_ticks":240,"velocity":90}}""");
        await studio.PostOpsAsync(id, "[" + string.Join(",", ops) + "]");
        async Task<string?> KeyOfHumAsync() => (await (await studio.Client.PostAsJsonAsync($"/api/projects/{id}/agents/harmonize", new { track_id = "hum" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("suggestions")[0].GetProperty("sketch").GetProperty("key").GetString();
        Assert.Equal("D major", await KeyOfHumAsync()); // the project is in C major, which the hum does not fit
        await studio.PostOpsAsync(id, """[{"type":"update","path":["key"],"value":{"tonic":"E","mode":"minor"}}]""");
        Assert.Equal("E minor", await KeyOfHumAsync());

        var harmony = () => studio.Services.GetRequiredService<StudioAgents>().Engine.Status().Single(a => a.Id == "harmony");
        await Eventually.HoldsAsync(() => harmony() is { Handled: 4, Failed: 0 }, "the harmony agent was asked four times");
    }

    [Fact]
    public async Task The_visual_agent_maps_an_audio_event_with_the_seeds_formulas()
    {
        await using var studio = await StudioHost.StartAsync();
        var response = await studio.Client.PostAsJsonAsync("/api/visual/effect", new { instrument = "kick", velocity = 127, frequency = 632.455532 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var effect = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pulse", effect.GetProperty("type").GetString());
        Assert.Equal(2.0, effect.GetProperty("scale").GetDouble(), 6);
        Assert.Equal(180, effect.GetProperty("hue").GetDouble(), 3); // √(20·20000) Hz sits half way up the log scale
        Assert.Equal("pulse-out", effect.GetProperty("animation").GetString());
        await Problem.AssertAsync(await studio.Client.PostAsJsonAsync("/api/visual/effect", new { instrument = "kick", velocity = 300, frequency = 60 }), HttpStatusCode.BadRequest, "invalid_value");
    }
}
