using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Music.Document;

namespace Zordic.Collab;

/// <summary>The operations that build document objects, for importers and generators that produce whole tracks.</summary>
public static class DocumentOperations
{
    /// <summary>Ops that insert <paramref name="track"/> with its clips and notes, made by (not applied to) the session.</summary>
    public static IEnumerable<CollaborativeOperation> NextInsertsOf(this EditingSession session, Track track)
    {
        string[] trackPath = ["tracks", track.Id];
        yield return session.Next(OperationType.Insert, trackPath, JsonSerializer.SerializeToElement(new
        {
            name = track.Name, kind = track.Kind.Name(), instrument = track.Instrument, volume = track.Volume,
            pan = track.Pan, mute = track.Mute, solo = track.Solo, order = track.Order,
        }));
        foreach (var clip in track.Clips)
        {
            string[] clipPath = [.. trackPath, "clips", clip.Id];
            yield return session.Next(OperationType.Insert, clipPath, JsonSerializer.SerializeToElement(new { start_bar = clip.StartBar, length_bars = clip.LengthBars }));
            foreach (var note in clip.Notes)
            {
                yield return session.Next(OperationType.Insert, [.. clipPath, "notes", note.Id], JsonSerializer.SerializeToElement(new
                {
                    pitch = note.Pitch, start_tick = note.StartTick, duration_ticks = note.DurationTicks, velocity = note.Velocity,
                }));
            }
        }
    }
}
