using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Zordic.Server.Tests.Hub;

namespace Zordic.Server.Tests.Hardening;

/// <summary>
/// Finding 1 of the hardening issue: one op whose version vector claimed 2^63 − 1 ops of the server's own
/// "api" session was applied, after which every bare REST edit was refused and later ops had no effect.
/// </summary>
public sealed class VersionVectorAttackTests
{
    [Theory]
    [InlineData("""{"api": 9223372036854775807}""", "api")]
    [InlineData("""{"tab-x": 9007199254740993}""", "tab-x")]
    [InlineData("""{"tab-x": 1, "~": 9007199254740991}""", "tab-x")]
    [InlineData("""{"api": 5000}""", "api")]
    [InlineData("""{"tab-x": 1, "~": 4000000}""", "tab-x")]
    public async Task A_vector_that_claims_too_much_is_refused_and_the_project_keeps_taking_edits(string vector, string session)
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Target", bpm = 100 })).GetProperty("id").GetString()!;

        var attack = await studio.PostOpsAsync(id, $$"""
            [{"op_id":"evil-1","user_id":"mallory","session_id":"{{session}}","type":"update","path":["bpm"],"value":60,"version_vector":{{vector}},"timestamp":1}]
            """);
        Assert.Equal("rejected", attack.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Contains(attack.GetProperty("results")[0].GetProperty("code").GetString(), new[] { "malformed", "invalid_version_vector", "reserved_session" });

        // The REST API's own session and a browser tab both still edit, and their edits take effect.
        var bare = await studio.PostOpsAsync(id, """[{"type":"update","path":["bpm"],"value":97}]""");
        Assert.Equal("applied", bare.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(97, (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("bpm").GetDouble());

        await using var ana = new StudioClient(studio, id, "ana", "tab-ana");
        await ana.JoinAsync(withVersionVector: false);
        await ana.EditAsync(s => s.Update(["bpm"], JsonSerializer.SerializeToElement(98)));
        await Eventually.HoldsAsync(async () => (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("bpm").GetDouble() == 98, "the edit to take effect");
        Assert.Empty(studio.Log.Entries);
    }

    [Fact]
    public async Task Over_the_hub_a_vector_past_two_to_the_53_is_refused_with_a_code_and_the_connection_stays()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Target", bpm = 100 })).GetProperty("id").GetString()!;
        await using var mallory = new StudioClient(studio, id, "mallory", "tab-m");
        await mallory.JoinAsync(withVersionVector: false);

        var op = $$"""{"op_id":"evil","user_id":"mallory","session_id":"tab-m","type":"update","path":["bpm"],"value":60,"version_vector":{"tab-m":1,"~":{{long.MaxValue}}},"timestamp":1}""";
        var result = await mallory.Connection.InvokeAsync<JsonElement>("op:execute", JsonDocument.Parse(op).RootElement);
        Assert.False(result.GetProperty("ok").GetBoolean());
        await Eventually.HoldsAsync(() => (mallory.EventsNamed("op:rejected").Any(r => r.GetProperty("code").GetString() == "malformed")), "the rejection");

        await mallory.EditAsync(s => s.Update(["bpm"], JsonSerializer.SerializeToElement(123)));
        await Eventually.HoldsAsync(async () => (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("bpm").GetDouble() == 123, "the edit to take effect");
    }
}
