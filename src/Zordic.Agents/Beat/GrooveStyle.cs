namespace Zordic.Agents.Beat;

/// <summary>A bar pattern of the learned library and how many recorded bars played exactly it.</summary>
public readonly record struct WeightedBar(DrumBar Bar, int Count);

/// <summary>
/// What the Groove recordings of one style say: its most played bar patterns, its fills, and per voice
/// and step the onset probability, velocity and micro-timing (mean and spread, in ticks at 480 per quarter).
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
    float[] TimingSpread)
{
    /// <summary>Index into the per-voice-and-step arrays (learned voices only).</summary>
    public static int Cell(DrumVoice voice, int step) => (int)voice.Learned() * DrumBar.Steps + step;
    public const int Cells = DrumVoices.LearnedCount * DrumBar.Steps;
}
