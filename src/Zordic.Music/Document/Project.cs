using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Music.Document;

/// <summary>A song: global settings and its tracks in display order.</summary>
public sealed record Project(
    string Id,
    string Name,
    double Bpm,
    TimeSignature TimeSignature,
    MusicalKey Key,
    double Swing,
    IReadOnlyList<Track> Tracks);
