using Zordic.Music.Document;

namespace Zordic.Agents.Visual;

/// <summary>The effect families the web studio's visualizer draws (the seed's <c>effect_type</c>).</summary>
public enum EffectType { Pulse, Ripple, Flash, Particles, Wave, Glow }

/// <summary>An audio event as the visual agent sees it (seed §4: instrument, velocity, frequency, time).</summary>
/// <param name="Instrument">A track kind name ("drums", "bass", "lead", …) or a drum voice ("kick", "snare", "hat").</param>
public sealed record AudioEvent(string Instrument, int Velocity, double Frequency, double Time, double Duration);

/// <summary>What the visualizer renders for one audio event.</summary>
public sealed record VisualEffect(EffectType Type, double Scale, double Hue, string Color, string Position, double Duration, string Easing);

/// <summary>Chooses the effect family per instrument and builds an effect with the seed's mappings.</summary>
public static class VisualEffects
{
    /// <summary>
    /// The effect family for an instrument: kicks pulse the whole frame, snares and claps flash, hats
    /// scatter particles, bass ripples, chords and pads glow, leads draw a wave.
    /// </summary>
    public static EffectType EffectFor(string instrument) => instrument.ToLowerInvariant() switch
    {
        "kick" => EffectType.Pulse,
        "snare" or "clap" or "side stick" or "crash" => EffectType.Flash,
        "hat" or "closed hat" or "open hat" or "ride" or "drums" => EffectType.Particles,
        "bass" => EffectType.Ripple,
        "chords" or "pad" or "keys" => EffectType.Glow,
        _ => EffectType.Wave,
    };

    /// <summary>Where on screen an instrument lives (the seed's mapInstrumentToPosition): low end at the bottom, leads on top.</summary>
    public static string PositionFor(string instrument) => EffectFor(instrument) switch
    {
        EffectType.Pulse or EffectType.Ripple => "bottom",
        EffectType.Flash or EffectType.Particles => "center",
        EffectType.Glow => "background",
        _ => "top",
    };

    public static VisualEffect Generate(AudioEvent audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return new VisualEffect(EffectFor(audio.Instrument), VisualMappings.VelocityToScale(audio.Velocity),
            VisualMappings.FrequencyToHue(audio.Frequency), VisualMappings.FrequencyToColor(audio.Frequency),
            PositionFor(audio.Instrument), audio.Duration, "ease-out");
    }

    public static string InstrumentOf(TrackKind kind) => kind.Name();
}
