namespace Zordic.Agents.Harmony;

/// <summary>A chord sounding from <paramref name="Start"/> to <paramref name="End"/> (ticks at 480 per quarter).</summary>
public readonly record struct ChordSpan(long Start, long End, Chord Chord)
{
    public long Duration => End - Start;
}
