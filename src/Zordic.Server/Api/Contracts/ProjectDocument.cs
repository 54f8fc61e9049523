using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Music.Document;
using Zordic.Music.Theory;

namespace Zordic.Server.Api.Contracts;

/// <summary>
/// A project as the API and the hub send it: the visible document, the version vector it reflects
/// and the log position it includes (<c>seq</c>), so that a client can catch up from there.
/// </summary>
public sealed record ProjectDocument(
    string Id,
    string Name,
    double Bpm,
    TimeSignatureJson TimeSignature,
    KeyJson Key,
    double Swing,
    IReadOnlyList<TrackDocument> Tracks,
    VersionVector VersionVector,
    long Seq)
{
    public static ProjectDocument From(ProjectState state)
    {
        var p = state.Document;
        return new ProjectDocument(p.Id, p.Name, p.Bpm, new(p.TimeSignature.Numerator, p.TimeSignature.Denominator),
            KeyJson.From(p.Key), p.Swing, [.. p.Tracks.Select(TrackDocument.From)], state.VersionVector, state.Sequence);
    }
}

public sealed record TimeSignatureJson(int Numerator, int Denominator);

/// <summary>A key as JSON: <c>{"tonic": "A", "mode": "minor"}</c>.</summary>
public sealed record KeyJson(string Tonic, string Mode)
{
    public static KeyJson From(MusicalKey key) => new(key.Tonic.Name(key.PrefersFlats), key.Mode.Name());
}

public sealed record TrackDocument(
    string Id, string Name, string Kind, string Instrument, double Volume, double Pan, bool Mute, bool Solo, string Order,
    IReadOnlyList<ClipDocument> Clips)
{
    public static TrackDocument From(Track t) =>
        new(t.Id, t.Name, t.Kind.Name(), t.Instrument, t.Volume, t.Pan, t.Mute, t.Solo, t.Order, [.. t.Clips.Select(ClipDocument.From)]);
}

public sealed record ClipDocument(string Id, int StartBar, int LengthBars, IReadOnlyList<NoteDocument> Notes)
{
    public static ClipDocument From(Clip c) =>
        new(c.Id, c.StartBar, c.LengthBars, [.. c.Notes.Select(n => new NoteDocument(n.Id, n.Pitch, n.StartTick, n.DurationTicks, n.Velocity))]);
}

public sealed record NoteDocument(string Id, int Pitch, int StartTick, int DurationTicks, int Velocity);
