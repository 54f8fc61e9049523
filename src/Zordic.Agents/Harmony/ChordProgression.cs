using Zordic.Agents.Parts;

namespace Zordic.Agents.Harmony;

/// <summary>The harmony agent's answer: the chords in time and the parts that play them (chords and bass).</summary>
public sealed record ChordProgression(Sketch Sketch, IReadOnlyList<ChordSpan> Chords)
{
    /// <summary>The chord sounding at <paramref name="tick"/> (the last one past the end).</summary>
    public Chord ChordAt(long tick)
    {
        foreach (var span in Chords) if (span.Start <= tick && tick < span.End) return span.Chord;
        return Chords[^1].Chord;
    }
}
