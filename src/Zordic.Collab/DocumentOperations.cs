using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Music.Document;

namespace Zordic.Collab;

/// <summary>The edits that build document objects, for importers and generators that produce whole tracks.</summary>
public static class DocumentOperations
{
    /// <summary>Ops that insert <paramref name="track"/> with its clips and notes, made by (not applied to) the session.</summary>
    public static IEnumerable<CollaborativeOperation> NextInsertsOf(this EditingSession session, Track track) =>
        new[] { TrackInsertOf(track) }.Concat(ContentsOf(track)).Select(i => session.Next(i.Type, i.Path, i.Value));

    /// <summary>The insert of the track itself, without its clips.</summary>
    public static OperationIntent TrackInsertOf(Track track) => Insert(["tracks", track.Id], new
    {
        name = track.Name, kind = track.Kind.Name(), instrument = track.Instrument, volume = track.Volume,
        pan = track.Pan, mute = track.Mute, solo = track.Solo, order = track.Order,
    });

    /// <summary>The inserts of the track's clips and their notes, each clip before its notes.</summary>
    public static IEnumerable<OperationIntent> ContentsOf(Track track)
    {
        foreach (var clip in track.Clips)
        {
            string[] clipPath = ["tracks", track.Id, "clips", clip.Id];
            yield return Insert(clipPath, new { start_bar = clip.StartBar, length_bars = clip.LengthBars });
            foreach (var note in clip.Notes)
            {
                yield return Insert([.. clipPath, "notes", note.Id], new
                {
                    pitch = note.Pitch, start_tick = note.StartTick, duration_ticks = note.DurationTicks, velocity = note.Velocity,
                });
            }
        }
    }

    static OperationIntent Insert(string[] path, object value) =>
        new() { Type = OperationType.Insert, Path = path, Value = JsonSerializer.SerializeToElement(value) };
}
