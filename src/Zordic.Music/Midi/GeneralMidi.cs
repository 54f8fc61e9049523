namespace Zordic.Music.Midi;

/// <summary>Names from the General MIDI sound set, for naming tracks a file leaves unnamed.</summary>
public static class GeneralMidi
{
    // The sixteen families of eight programs each, in program order.
    static readonly string[] Families =
    [
        "Piano", "Chromatic Percussion", "Organ", "Guitar", "Bass", "Strings", "Ensemble", "Brass",
        "Reed", "Pipe", "Synth Lead", "Synth Pad", "Synth Effects", "Ethnic", "Percussive", "Sound Effects",
    ];

    /// <summary>The family of a program 0–127, e.g. "Piano" for 0–7 and "Bass" for 32–39.</summary>
    public static string FamilyName(int program) => Families[Math.Clamp(program, 0, 127) / 8];
}
