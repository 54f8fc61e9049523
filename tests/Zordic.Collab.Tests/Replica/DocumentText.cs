using System.Text.Json;
using Zordic.Music.Document;

namespace Zordic.Collab.Tests.Replica;

/// <summary>A project document as JSON text, for comparing documents in assertions.</summary>
public static class DocumentText
{
    public static string Of(Project p) => JsonSerializer.Serialize(new
    {
        p.Id, p.Name, p.Bpm, meter = p.TimeSignature.ToString(), key = p.Key.ToString(), p.Swing,
        tracks = p.Tracks.Select(t => new
        {
            t.Id, t.Name, kind = t.Kind.Name(), t.Instrument, t.Volume, t.Pan, t.Mute, t.Solo, t.Order,
            clips = t.Clips.Select(c => new { c.Id, c.StartBar, c.LengthBars, notes = c.Notes }),
        }),
    });
}
