using System.Text.Json;
using Zordic.Server.Hubs;

namespace Zordic.Server.Tests.Hub;

public sealed class AwarenessTests
{
    [Fact]
    public async Task Cursors_reach_the_others_with_a_stable_colour_and_expire_after_their_time_to_live()
    {
        await using var studio = await StudioHost.StartAsync(hub: new StudioHubOptions { AwarenessTimeToLive = TimeSpan.FromMilliseconds(600), AwarenessSweep = TimeSpan.FromMilliseconds(50) });
        var id = (await studio.CreateProjectAsync(new { name = "Cursors" })).GetProperty("id").GetString()!;
        await using var ana = new StudioClient(studio, id, "ana", "ana-tab");
        await using var ben = new StudioClient(studio, id, "ben", "ben-tab");
        await ana.JoinAsync();
        await ben.JoinAsync();
        Assert.True((await ana.InvokeAsync("awareness:cursor", new { track = "t1", beat = 2.5 })).GetProperty("ok").GetBoolean());
        await Eventually.HoldsAsync(() => ben.EventsNamed("awareness:user_cursor").Any(c => c.GetProperty("track").ValueKind == JsonValueKind.String), "ben sees ana's cursor");
        var cursor = ben.EventsNamed("awareness:user_cursor").First();
        Assert.Equal("ana", cursor.GetProperty("user_id").GetString());
        Assert.Equal(2.5, cursor.GetProperty("beat").GetDouble());
        Assert.Equal("ANA", cursor.GetProperty("display_name").GetString());
        var colour = cursor.GetProperty("color").GetString();
        Assert.StartsWith("hsl(", colour);
        Assert.DoesNotContain(ana.EventsNamed("awareness:user_cursor"), c => c.GetProperty("user_id").GetString() == "ana");

        // No move for longer than the time to live: the cursor is cleared for everyone.
        await Eventually.HoldsAsync(() => ben.EventsNamed("awareness:user_cursor").Any(c => c.GetProperty("track").ValueKind == JsonValueKind.Null), "ana's cursor expires", 5_000);

        // The same user gets the same colour on another connection.
        await using var again = new StudioClient(studio, id, "ana", "ana-tab-2");
        await again.JoinAsync();
        await again.InvokeAsync("awareness:selection", new { track = "t1", ids = new[] { "n1", "n2" } });
        await Eventually.HoldsAsync(() => ben.EventsNamed("awareness:user_selection").Any(), "ben sees the selection");
        var selection = ben.EventsNamed("awareness:user_selection").First();
        Assert.Equal(colour, selection.GetProperty("color").GetString());
        Assert.Equal(2, selection.GetProperty("ids").GetArrayLength());
    }

    [Fact]
    public async Task Presence_follows_joins_leaves_and_lost_connections()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Presence" })).GetProperty("id").GetString()!;
        await using var ana = new StudioClient(studio, id, "ana", "ana-tab");
        await ana.JoinAsync();
        var ben = new StudioClient(studio, id, "ben", "ben-tab");
        await ben.JoinAsync();
        await Eventually.HoldsAsync(() => ana.EventsNamed("session:user_joined").Any(p => p.GetProperty("user_id").GetString() == "ben"), "ana sees ben arrive");
        await Eventually.HoldsAsync(() => ben.EventsNamed("session:joined").Any(), "ben's session:joined");
        var joined = ben.EventsNamed("session:joined").Single();
        Assert.Equal(["ana", "ben"], joined.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("user_id").GetString()).Order());

        await ben.InvokeAsync("awareness:cursor", new { track = (string?)null, beat = 1 });
        await ben.DisposeAsync(); // the connection is gone without a session:leave
        await Eventually.HoldsAsync(() => ana.EventsNamed("session:user_left").Any(p => p.GetProperty("reason").GetString() == "disconnected"), "ana sees ben drop");

        await using var cy = new StudioClient(studio, id, "cy", "cy-tab");
        await cy.JoinAsync();
        Assert.True((await cy.InvokeAsync("session:leave", new { })).GetProperty("ok").GetBoolean());
        await Eventually.HoldsAsync(() => ana.EventsNamed("session:user_left").Any(p => p.GetProperty("user_id").GetString() == "cy" && p.GetProperty("reason").GetString() == "left"), "ana sees cy leave");
    }

    [Fact]
    public async Task Play_and_stop_are_relayed_to_the_session_with_the_servers_clock()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Transport", bpm = 92 })).GetProperty("id").GetString()!;
        await using var ana = new StudioClient(studio, id, "ana", "ana-tab");
        await using var ben = new StudioClient(studio, id, "ben", "ben-tab");
        await ana.JoinAsync();
        await ben.JoinAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.True((await ana.InvokeAsync("audio:play", new { position = 1.5 })).GetProperty("ok").GetBoolean());
        Assert.True((await ana.InvokeAsync("audio:stop", new { position = 4.0 })).GetProperty("ok").GetBoolean());
        await Eventually.HoldsAsync(() => ben.EventsNamed("audio:playback_sync").Count() == 2, "ben hears play and stop");
        var play = ben.EventsNamed("audio:playback_sync").First();
        Assert.True(play.GetProperty("playing").GetBoolean());
        Assert.Equal(92, play.GetProperty("bpm").GetDouble());
        Assert.Equal(1.5, play.GetProperty("position").GetDouble());
        Assert.InRange(play.GetProperty("server_time").GetInt64(), before - 1000, before + 60_000);
        Assert.False(ben.EventsNamed("audio:playback_sync").Last().GetProperty("playing").GetBoolean());
    }

    [Fact]
    public async Task Two_people_whose_home_colours_clash_still_look_different_in_one_session()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Colours" })).GetProperty("id").GetString()!;
        var first = "ada";
        var second = Enumerable.Range(0, 1000).Select(i => $"user{i}").First(u => Sessions.UserColors.For(u) == Sessions.UserColors.For(first));
        await using var a = new StudioClient(studio, id, first, "a-tab");
        await using var b = new StudioClient(studio, id, second, "b-tab");
        await a.JoinAsync();
        await b.JoinAsync();
        await Eventually.HoldsAsync(() => b.EventsNamed("session:joined").Any(), "b's session:joined");
        var participants = b.EventsNamed("session:joined").Single().GetProperty("participants").EnumerateArray().ToList();
        Assert.Equal(2, participants.Select(p => p.GetProperty("color").GetString()).Distinct().Count());
        Assert.Equal(Sessions.UserColors.For(first), participants.Single(p => p.GetProperty("user_id").GetString() == first).GetProperty("color").GetString());
    }
}
