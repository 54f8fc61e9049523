using System.Globalization;

namespace Zordic.Agents.Visual;

/// <summary>The seed's audio-to-visual mappings (section 4), exactly as it gives them.</summary>
public static class VisualMappings
{
    public const double MinFrequency = 20, MaxFrequency = 20_000;

    /// <summary>MIDI velocity 0–127 → scale 0.5–2.0, linear: 0.5 + velocity / 127 × 1.5 (clamped to the MIDI range).</summary>
    public static double VelocityToScale(int velocity) => 0.5 + Math.Clamp(velocity, 0, 127) / 127.0 * 1.5;

    /// <summary>
    /// Frequency → hue in degrees, logarithmic: 20 Hz → 0, 20 kHz → 360. The seed's comment says 20 kHz is
    /// "purple", but its formula gives 360, which is red again; the formula is kept (docs/architecture.md, decision 4: seed
    /// contracts) and frequencies outside 20 Hz–20 kHz are clamped, which the seed does not do (it would give
    /// negative hues and NaN for 0 Hz).
    /// </summary>
    public static double FrequencyToHue(double frequency)
    {
        var f = double.IsFinite(frequency) ? Math.Clamp(frequency, MinFrequency, MaxFrequency) : MinFrequency;
        return (Math.Log(f) - Math.Log(MinFrequency)) / (Math.Log(MaxFrequency) - Math.Log(MinFrequency)) * 360;
    }

    /// <summary>The seed's colour string: <c>hsl(hue, 70%, 60%)</c>.</summary>
    public static string FrequencyToColor(double frequency) =>
        string.Create(CultureInfo.InvariantCulture, $"hsl({FrequencyToHue(frequency)}, 70%, 60%)");

    /// <summary>Equal-tempered frequency of a MIDI note (A4 = 69 = 440 Hz).</summary>
    public static double MidiToFrequency(int pitch) => 440 * Math.Pow(2, (pitch - 69) / 12.0);
}
