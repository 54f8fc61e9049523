using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zordic.Collab.Json;
using Zordic.Collab.Replica;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// What must hold for a project after any request, however hostile: the server's replica equals one
/// rebuilt from its op log (read over GET /ops, page by page), and an ordinary edit still takes effect.
/// The rebuilt replica follows the log as it grows, so each check reads only what is new.
/// </summary>
public sealed class ProjectInvariants(string projectId)
{
    readonly ProjectReplica _rebuilt = new(projectId);
    long _readUpTo;

    public string ProjectId { get; } = projectId;

    /// <summary>The greatest clock among the ops read from the log so far: an op stamped above it wins over all of them.</summary>
    public long Clock => _rebuilt.Clock;

    /// <summary>Null when the server's state equals the rebuilt one, or what differs.</summary>
    public async Task<string?> StateMatchesLogAsync(IFuzzTarget target)
    {
        while (true)
        {
            var page = await target.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{ProjectId}/ops?since={_readUpTo}&limit=50000");
            foreach (var logged in page.GetProperty("ops").EnumerateArray())
            {
                var op = CollabJson.ParseOperation(logged.GetProperty("op"));
                if (_rebuilt.Apply(op) is { } refused) return $"op {op.OpId} of the log does not merge: {refused.Code}: {refused.Message}";
            }
            _readUpTo = page.GetProperty("last_seq").GetInt64();
            if (!page.GetProperty("has_more").GetBoolean()) break;
        }
        var server = await target.ServerStateAsync(ProjectId);
        var rebuilt = ReplicaSnapshot.Write(_rebuilt);
        if (server.AsSpan().SequenceEqual(rebuilt)) return null;
        // The server's replica lets go of idle sessions' counts (ProjectQuotas.MaxLiveSessions): bookkeeping, not state.
        if (WithoutBookkeeping(server) == WithoutBookkeeping(rebuilt)) return null;
        return $"the server's replica differs from the one rebuilt from its log: server {FuzzJson.Shorten(System.Text.Encoding.UTF8.GetString(server), 300)} vs log {FuzzJson.Shorten(System.Text.Encoding.UTF8.GetString(rebuilt), 300)}";
    }

    /// <summary>Sets the tempo with a bare edit, as a script would, and reads it back; null when it took effect.</summary>
    public async Task<string?> OrdinaryEditTakesEffectAsync(IFuzzTarget target, double bpm)
    {
        using var response = await target.Http.PostAsync($"/api/projects/{ProjectId}/ops",
            new StringContent($"[{{\"type\":\"update\",\"path\":[\"bpm\"],\"value\":{bpm}}}]", System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) return $"an ordinary edit (bpm {bpm}) got {(int)response.StatusCode}: {FuzzJson.Shorten(text)}";
        var status = JsonDocument.Parse(text).RootElement.GetProperty("results")[0].GetProperty("status").GetString();
        if (status != "applied") return $"an ordinary edit (bpm {bpm}) was {status}: {FuzzJson.Shorten(text)}";
        return await BpmIsAsync(target, bpm);
    }

    public async Task<string?> BpmIsAsync(IFuzzTarget target, double bpm)
    {
        var document = await target.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{ProjectId}");
        var now = document.GetProperty("bpm").GetDouble();
        return now == bpm ? null : $"the tempo set to {bpm} reads back as {now}";
    }

    static string WithoutBookkeeping(byte[] snapshot)
    {
        var node = JsonNode.Parse(snapshot)!.AsObject();
        node.Remove("seen");
        node.Remove("seen_total");
        return node.ToJsonString();
    }
}
