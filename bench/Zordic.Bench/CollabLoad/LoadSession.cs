using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Zordic.Collab;
using Zordic.Collab.Operations;

namespace Zordic.Bench.CollabLoad;

/// <summary>One project being edited by several load clients, with the ops they sent and when.</summary>
public sealed class LoadSession(string name, string projectId, int clients)
{
    public string Name { get; } = name;
    public string ProjectId { get; } = projectId;
    public ConcurrentDictionary<string, long> SentAt { get; } = new(StringComparer.Ordinal);
    public int Sent;
    public Workload Workload { get; } = new(clients);
    public List<LoadClient> Clients { get; } = [];

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

/// <summary>
/// What the collaborators do: set velocities and pitches of any note (so concurrent writes to one
/// property happen), nudge their own notes, add notes, ride the track fader. Never an edit that the
/// server could refuse, so every op sent must reach every other client.
/// </summary>
public sealed class Workload(int clients)
{
    public const int NotesPerClient = 8;

    public static string[] NotePath(int client, int note) => ["tracks", "t", "clips", "c", "notes", $"n{client}-{note}"];

    public CollaborativeOperation NextEdit(EditingSession me, int client, Random random)
    {
        JsonElement J<T>(T v) => JsonSerializer.SerializeToElement(v);
        var roll = random.Next(100);
        if (roll < 40) return me.Update([.. NotePath(random.Next(clients), random.Next(NotesPerClient)), "velocity"], J(1 + random.Next(127)));
        if (roll < 60) return me.Update([.. NotePath(client, random.Next(NotesPerClient)), "pitch"], J(36 + random.Next(48)));
        if (roll < 75) return me.Update([.. NotePath(client, random.Next(NotesPerClient)), "start_tick"], J(random.Next(64) * 60));
        if (roll < 92) return me.Insert(["tracks", "t", "clips", "c", "notes", Guid.CreateVersion7().ToString()], J(new { pitch = 36 + random.Next(48), start_tick = random.Next(64) * 120, duration_ticks = 120 }));
        return me.Update(["tracks", "t", "volume"], J(-random.Next(30)));
    }
}
