using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Agents.Parts;

/// <summary>
/// What an agent hands back: a few bars of music with the tempo, metre and key they were written for.
/// Ticks are at <see cref="Ticks.PerQuarter"/> (480) per quarter.
/// </summary>
public sealed record Sketch(double Bpm, TimeSignature TimeSignature, MusicalKey Key, int Bars, IReadOnlyList<GeneratedPart> Tracks)
{
    public long TicksPerBar => TimeSignature.TicksPerBar;

    public int NoteCount => Tracks.Sum(t => t.Notes.Count);
}
