namespace Zordic.Agents.Beat;

/// <summary>A bar pattern of the learned library and how many recorded bars played exactly it.</summary>
public readonly record struct WeightedBar(DrumBar Bar, int Count);

/// <summary>
/// What the Groove recordings of one style say: its most played bar patterns, its fills, per voice and
/// step the onset probability, velocity and micro-timing (mean and spread, in ticks at 480 per quarter),
/// and how a bar's feel varies from bar to bar: quantiles (at (i + ½) / n) of the per-bar micro-timing
/// spread in ms, velocity spread and syncopation (share of onset steps on odd 16ths).
/// </summary>
public sealed record GrooveStyle(
    string Name,
    double Bpm,
    IReadOnlyList<WeightedBar> Patterns,
    IReadOnlyList<WeightedBar> Fills,
    float[] OnsetProbability,
    float[] VelocityMean,
    float[] VelocitySpread,
    float[] TimingMean,
    float[] TimingSpread,
    float[] BarTimingSpreadMs,
    float[] BarVelocitySpread,
    float[] BarSyncopation)
{
    /// <summary>Index into the per-voice-and-step arrays (learned voices only).</summary>
    public static int Cell(DrumVoice voice, int step) => (int)voice.Learned() * DrumBar.Steps + step;
    public const int Cells = DrumVoices.LearnedCount * DrumBar.Steps;

    /// <summary>The value at quantile <paramref name="u"/> (0–1) of a distribution stored as quantiles at (i + ½) / n, interpolated.</summary>
    public static double Quantile(float[] quantiles, double u)
    {
        var x = Math.Clamp(u * quantiles.Length - 0.5, 0, quantiles.Length - 1);
        var i = Math.Min((int)x, quantiles.Length - 2);
        return i < 0 ? quantiles[0] : quantiles[i] + (x - i) * (quantiles[i + 1] - quantiles[i]);
    }
}
