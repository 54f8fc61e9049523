namespace Zordic.Agents.Melody;

/// <summary>A bar's rhythm on a 16-step grid (bit 0 = the downbeat) and how many 4/4 bars of the tunes had it.</summary>
public readonly record struct BarRhythm(ushort Onsets, int Count)
{
    public int Notes => int.PopCount(Onsets);
}

/// <summary>The melody agent's fitted parameters: the pitch model and the tunes' bar rhythms.</summary>
public sealed record MelodyModel(PitchSequenceModel Pitches, IReadOnlyList<BarRhythm> Rhythms);
