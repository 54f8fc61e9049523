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
