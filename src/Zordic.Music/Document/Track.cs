namespace Zordic.Music.Document;

/// <summary>
/// A track with its mixer settings. <paramref name="Order"/> is a fractional index: tracks sort by it
/// (then by id), so concurrent inserts and moves never renumber anyone else's tracks.
/// </summary>
public sealed record Track(
    string Id,
    string Name,
    TrackKind Kind,
    string Instrument,
    double Volume,
    double Pan,
    bool Mute,
    bool Solo,
    string Order,
    IReadOnlyList<Clip> Clips);
