namespace Zordic.Music.Document;

/// <summary>
/// The instrument presets the studio's synthesizers implement. A track names one; MIDI programs map
/// onto them on import and back to a representative General MIDI program on export.
/// </summary>
public static class InstrumentPresets
{
    public const string DrumKit = "drum-kit";
    public const string Bass = "bass";
    public const string Lead = "lead";
    public const string Pad = "pad";
    public const string Keys = "keys";
    public const string Pluck = "pluck";

    public static IReadOnlyList<string> All { get; } = [DrumKit, Bass, Lead, Pad, Keys, Pluck];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name);

    /// <summary>The preset a new track of this kind starts with.</summary>
    public static string DefaultFor(TrackKind kind) => kind switch
    {
        TrackKind.Drums => DrumKit,
        TrackKind.Bass => Bass,
        TrackKind.Lead => Lead,
        TrackKind.Pad => Pad,
        TrackKind.Fx => Pluck,
        _ => Keys,
    };

    /// <summary>The preset closest to a General MIDI program (0–127) on a melodic channel.</summary>
    public static string FromGeneralMidiProgram(int program) => (program / 8) switch
    {
        0 or 1 or 2 => Keys,          // pianos, chromatic percussion, organs
        3 => Pluck,                   // guitars
        4 => Bass,                    // basses
        5 or 6 or 11 => Pad,          // strings, ensembles, synth pads
        7 or 8 or 9 or 10 => Lead,    // brass, reeds, pipes, synth leads
        12 => Pad,                    // synth effects
        13 => Pluck,                  // ethnic: sitar, banjo, koto …
        _ => Keys,                    // percussive and sound effects
    };

    /// <summary>A representative General MIDI program for exporting a preset.</summary>
    public static int ToGeneralMidiProgram(string preset) => preset switch
    {
        Bass => 33,   // electric bass (finger)
        Lead => 81,   // lead 2 (sawtooth)
        Pad => 89,    // pad 2 (warm)
        Pluck => 25,  // acoustic guitar (steel)
        _ => 0,       // acoustic grand piano
    };

    /// <summary>The track kind a melodic program suggests when a MIDI file does not say.</summary>
    public static TrackKind KindForGeneralMidiProgram(int program) => (program / 8) switch
    {
        4 => TrackKind.Bass,
        5 or 6 or 11 => TrackKind.Pad,
        7 or 8 or 9 or 10 => TrackKind.Lead,
        12 => TrackKind.Fx,
        _ => TrackKind.Keys,
    };
}
