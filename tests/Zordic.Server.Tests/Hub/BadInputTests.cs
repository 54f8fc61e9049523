using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Server.Hubs;

namespace Zordic.Server.Tests.Hub;

public sealed class BadInputTests
{
    static JsonElement J<T>(T value) => JsonSerializer.SerializeToElement(value);

    [Fact]
    public async Task Every_kind_of_bad_input_gets_a_specific_rejection_changes_nothing_and_the_connection_stays()
    {
        await using var studio = await StudioHost.StartAsync(hub: new StudioHubOptions { MaxOpsPerBatch = 50, OpsPerSecond = 5, OpsBurst = 60, MaxPayloadBytes = 64 * 1024 });
        var id = (await studio.CreateProjectAsync(new { name = "Bad" })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """[{"type":"insert","path":["tracks","t"],"value":{"kind":"keys","order":"V"}},{"type":"insert","path":["tracks","t","clips","c"],"value":{}},{"type":"insert","path":["tracks","t","clips","c","notes","n"],"value":{"pitch":60,"start_tick":0,"duration_ticks":240}}]""");
        await using var mallory = new StudioClient(studio, id, "mallory", "m-tab");
        var connection = mallory.Connection;
        await connection.StartAsync();

        async Task<string?> Code(string method, JsonElement payload) =>
            (await connection.InvokeAsync<JsonElement>(method, payload)).TryGetProperty("code", out var c) ? c.GetString() : null;

        // Before joining.
        Assert.Equal(HubCodes.NotJoined, await Code("op:execute", J(new { ops = Array.Empty<object>() })));
        Assert.Equal(HubCodes.NotJoined, await Code("awareness:cursor", J(new { track = "t", beat = 1 })));
        Assert.Equal(HubCodes.NotJoined, await Code("op:undo", J(new { })));
        // Bad joins.
        Assert.Equal(RejectionCodes.UnknownProject, await Code("session:join", J(new { project_id = "nope", user_id = "mallory" })));
        Assert.Equal(RejectionCodes.Malformed, await Code("session:join", J(42)));
        Assert.Equal(RejectionCodes.Malformed, await Code("session:join", J(new { project_id = id })));
        Assert.Equal(RejectionCodes.Malformed, await Code("session:join", J(new { project_id = id, user_id = "m", version_vector = "all" })));
        Assert.Equal(RejectionCodes.Malformed, await Code("session:join", J(new { project_id = id, user_id = "m", display_name = new string('x', 500) })));

        await mallory.JoinAsync();
        var before = await studio.ReplicaStateAsync(id);
        var rejectionsBefore = mallory.EventsNamed("op:rejected").Count();

        var good = mallory.Local;
        CollaborativeOperation Op(string[] path, object? value, string type = "update") =>
            new EditingSessionFactory(mallory).Next(type, path, value);

        // Ops with wrong types and ranges, wrong paths, another user's identity, not an op at all.
        string[] note = ["tracks", "t", "clips", "c", "notes", "n"];
        Assert.Equal("rejected", await Code("op:execute", OpJson(Op([.. note, "velocity"], "loud")))); // invalid_value
        Assert.Equal("rejected", await Code("op:execute", OpJson(Op([.. note, "pitch"], 200))));       // out_of_range
        Assert.Equal("rejected", await Code("op:execute", OpJson(Op(["tracks", "ghost", "volume"], -3)))); // not_found
        Assert.Equal("rejected", await Code("op:execute", OpJson(Op(["tracks", "t"], null, "update"))));  // type_mismatch
        Assert.Equal("rejected", await Code("op:execute", OpJson(Op(["bpm"], 90) with { UserId = "ana" }))); // wrong_user
        Assert.Equal("rejected", await Code("op:execute", J(new { op_id = "x", type = "update" }))); // malformed
        Assert.Equal(RejectionCodes.Malformed, await Code("op:execute", J("hello")));
        Assert.Equal(RejectionCodes.InvalidValue, await Code("awareness:cursor", J(new { track = "t", beat = -1 })));
        Assert.Equal(RejectionCodes.InvalidValue, await Code("awareness:cursor", J(new { track = 7, beat = 1 })));
        Assert.Equal(RejectionCodes.InvalidValue, await Code("awareness:cursor", J(new { track = "t", beat = (double?)null })));
        Assert.Null(await Code("awareness:cursor", J(new { track = (string?)null, beat = (double?)null })));
        Assert.Equal(RejectionCodes.InvalidValue, await Code("awareness:selection", J(new { track = "t", ids = "n" })));
        Assert.Equal(RejectionCodes.InvalidValue, await Code("audio:play", J(new { position = "start" })));
        Assert.Equal(RejectionCodes.OutOfRange, await Code("audio:play", J(new { position = 0, bpm = 9000 })));
        Assert.Equal(RejectionCodes.InvalidValue, await Code("audio:sync", J(new { position = 1 })));
        // Too big, too many at once, too many per second.
        Assert.Equal(HubCodes.TooLarge, await Code("op:execute", J(new { ops = new[] { new { padding = new string('x', 70_000) } } })));
        var batch = Enumerable.Range(0, 51).Select(i => Op(["bpm"], 100)).ToList();
        Assert.Equal(RejectionCodes.RateLimited, await Code("op:execute", Batch(batch)));
        var burst = Enumerable.Range(0, 45).Select(i => Op(["swing"], 0.1)).ToList();
        Assert.Equal("rejected", await Code("op:execute", Batch(burst[..0].Concat([Op(["swing"], 5)]).ToList()))); // uses budget, out_of_range
        Assert.Null(await Code("op:execute", Batch(burst)));                                                       // 45 + earlier ops fit the burst of 60
        Assert.Equal(RejectionCodes.RateLimited, await Code("op:execute", Batch(Enumerable.Range(0, 30).Select(_ => Op(["swing"], 0.2)).ToList())));

        var codes = mallory.EventsNamed("op:rejected").Skip(rejectionsBefore).Select(r => r.GetProperty("code").GetString()).ToList();
        foreach (var expected in new[] { "invalid_value", "out_of_range", "not_found", "type_mismatch", "wrong_user", "malformed", "too_large", "rate_limited" })
            Assert.Contains(expected, codes);
        Assert.All(mallory.EventsNamed("op:rejected"), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetString())));

        // Nothing changed but the 45 swing edits (same value), and the connection still works.
        Assert.Equal(0.1, (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("swing").GetDouble());
        Assert.NotEqual(before, await studio.ReplicaStateAsync(id));
        Assert.True((await connection.InvokeAsync<JsonElement>("awareness:cursor", J(new { track = "t", beat = 1 }))).GetProperty("ok").GetBoolean());
        Assert.Empty(studio.Log.Entries);
        Assert.NotNull(good);
    }

    [Fact]
    public async Task Invocations_that_do_not_fit_a_method_fail_that_call_only()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Args" })).GetProperty("id").GetString()!;
        await using var client = new StudioClient(studio, id, "u", "u-tab");
        await client.JoinAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => client.Connection.InvokeAsync<JsonElement>("op:execute"));
        await Assert.ThrowsAnyAsync<Exception>(() => client.Connection.InvokeAsync<JsonElement>("op:explode", 1));
        Assert.True((await client.InvokeAsync("awareness:cursor", new { track = (string?)null, beat = 0 })).GetProperty("ok").GetBoolean());
        Assert.DoesNotContain(studio.Log.Entries, e => e.StartsWith("Error", StringComparison.Ordinal));
    }

    static JsonElement OpJson(CollaborativeOperation op) => JsonDocument.Parse(CollabJson.Serialize(op)).RootElement;

    static JsonElement Batch(IReadOnlyList<CollaborativeOperation> ops) =>
        JsonDocument.Parse("{\"ops\":[" + string.Join(",", ops.Select(o => Encoding.UTF8.GetString(CollabJson.Serialize(o)))) + "]}").RootElement;

    /// <summary>Makes well-formed ops of the client's session that bypass its local checks, to send bad values.</summary>
    sealed class EditingSessionFactory(StudioClient client)
    {
        static long _next = 1000;

        public CollaborativeOperation Next(string type, string[] path, object? value) => new()
        {
            OpId = Guid.CreateVersion7().ToString(),
            UserId = client.UserId,
            SessionId = client.SessionId,
            Type = type switch { "insert" => OperationType.Insert, "delete" => OperationType.Delete, _ => OperationType.Update },
            Path = path,
            Value = value is null ? null : J(value),
            VersionVector = client.Confirmed.VersionVector.With(client.SessionId, Interlocked.Increment(ref _next)),
            Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
    }
}
