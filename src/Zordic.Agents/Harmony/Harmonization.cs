using Zordic.Music.Theory;

namespace Zordic.Agents.Harmony;

/// <summary>A melody's harmonization: the key it was heard in and a chord per span, in time order.</summary>
public sealed record Harmonization(MusicalKey Key, IReadOnlyList<ChordSpan> Chords)
{
    /// <summary>The chord sounding at <paramref name="tick"/>, or null before the first and after the last.</summary>
    public Chord? ChordAt(long tick)
    {
        foreach (var span in Chords) if (span.Start <= tick && tick < span.End) return span.Chord;
        return null;
    }
}
