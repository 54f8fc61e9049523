using System.Text.Json;
using Zordic.Collab.Operations;

namespace Zordic.Bench.CollabLoad;

/// <summary>
/// What the collaborators do: set velocities and pitches of any note (so concurrent writes to one
/// property happen), nudge their own notes, add notes, ride the track fader. Never an edit that the
/// server refuses for what it does, so an op is refused only for how it was sent (a limit, a
/// disconnection) and every op acknowledged must reach every other client.
/// </summary>
public sealed class Workload(int clients)
{
    public const int NotesPerClient = 8;

    public static string[] NotePath(int client, int note) => ["tracks", "t", "clips", "c", "notes", $"n{client}-{note}"];

    public OperationIntent NextEdit(int client, Random random)
    {
        var roll = random.Next(100);
        if (roll < 40) return Update([.. NotePath(random.Next(clients), random.Next(NotesPerClient)), "velocity"], 1 + random.Next(127));
        if (roll < 60) return Update([.. NotePath(client, random.Next(NotesPerClient)), "pitch"], 36 + random.Next(48));
        if (roll < 75) return Update([.. NotePath(client, random.Next(NotesPerClient)), "start_tick"], random.Next(64) * 60);
        if (roll < 92)
        {
            return new OperationIntent
            {
                Type = OperationType.Insert,
                Path = ["tracks", "t", "clips", "c", "notes", Guid.CreateVersion7().ToString()],
                Value = JsonSerializer.SerializeToElement(new { pitch = 36 + random.Next(48), start_tick = random.Next(64) * 120, duration_ticks = 120 }),
            };
        }
        return Update(["tracks", "t", "volume"], -random.Next(30));
    }

    static OperationIntent Update(string[] path, int value) =>
        new() { Type = OperationType.Update, Path = path, Value = JsonSerializer.SerializeToElement(value) };
}
