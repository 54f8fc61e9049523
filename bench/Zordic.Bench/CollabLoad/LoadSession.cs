using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zordic.Bench.CollabLoad;

/// <summary>
/// One project being edited by several load clients: when each op was asked for (for latency), and the
/// fate of every op its clients sent, so that each is accounted for at the end: acknowledged to its
/// sender (and by whom), refused (with the code), or still unanswered.
/// </summary>
public sealed class LoadSession(string name, string projectId, int clients)
{
    public string Name { get; } = name;
    public string ProjectId { get; } = projectId;
    /// <summary>Op id → when the edit was asked for (Stopwatch ticks): latency runs from there to each other client's op:applied.</summary>
    public ConcurrentDictionary<string, long> AskedAt { get; } = new(StringComparer.Ordinal);
    /// <summary>Op id → index of the client whose own op:applied (or catch-up) acknowledged it.</summary>
    public ConcurrentDictionary<string, int> AcknowledgedBy { get; } = new(StringComparer.Ordinal);
    /// <summary>Refused ops by code: op:rejected, or an op:execute whose result refused the whole call.</summary>
    public ConcurrentDictionary<string, int> RefusedByCode { get; } = new(StringComparer.Ordinal);
    public int Sent;
    public Workload Workload { get; } = new(clients);
    public List<LoadClient> Clients { get; } = [];

    /// <summary>op:rejected that named no op pending at its client: by code and message, to say what they were.</summary>
    public ConcurrentDictionary<string, int> StrayRejections { get; } = new(StringComparer.Ordinal);

    /// <summary>Op id → the code it was refused with: one the log holds anyway was refused wrongly.</summary>
    public ConcurrentDictionary<string, string> RefusedIds { get; } = new(StringComparer.Ordinal);

    public void Refused(string opId, string code)
    {
        RefusedByCode.AddOrUpdate(code, 1, (_, n) => n + 1);
        RefusedIds[opId] = code;
    }

    public void Stray(string what) => StrayRejections.AddOrUpdate(what, 1, (_, n) => n + 1);

    /// <summary>Creates the project with a track, a clip and a few notes per client, over the REST API.</summary>
    public static async Task<LoadSession> CreateAsync(HttpClient http, string name, int clients)
    {
        var created = await (await http.PostAsJsonAsync("/api/projects", new { name })).Content.ReadFromJsonAsync<JsonElement>();
        var session = new LoadSession(name, created.GetProperty("id").GetString()!, clients);
        var edits = new List<object>
        {
            new { type = "insert", path = new[] { "tracks", "t" }, value = new { kind = "keys", order = "V" } },
            new { type = "insert", path = new[] { "tracks", "t", "clips", "c" }, value = new { length_bars = 4 } },
        };
        for (var client = 0; client < clients; client++)
            for (var n = 0; n < Workload.NotesPerClient; n++)
                edits.Add(new { type = "insert", path = Workload.NotePath(client, n), value = new { pitch = 48 + n, start_tick = (client * Workload.NotesPerClient + n) * 120, duration_ticks = 120 } });
        var response = await http.PostAsJsonAsync($"/api/projects/{session.ProjectId}/ops", edits);
        response.EnsureSuccessStatusCode();
        return session;
    }
}
