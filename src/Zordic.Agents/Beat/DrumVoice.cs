namespace Zordic.Agents.Beat;

/// <summary>
/// The drum voices the beat model writes. The first nine are the Groove MIDI Dataset's classes (as in
/// GrooVAE: its Roland kit pitches fold into these); clap and side stick serve the electronic idioms.
/// </summary>
public enum DrumVoice { Kick, Snare, ClosedHat, OpenHat, LowTom, MidTom, HighTom, Crash, Ride, Clap, SideStick }

public static class DrumVoices
{
    public const int Count = 11;

    /// <summary>The voices learned from the Groove data.</summary>
    public const int LearnedCount = 9;

    static readonly int[] Pitches = [36, 38, 42, 46, 43, 47, 50, 49, 51, 39, 37];
    static readonly string[] Names = ["kick", "snare", "closed hat", "open hat", "low tom", "mid tom", "high tom", "crash", "ride", "clap", "side stick"];

    /// <summary>The General MIDI percussion note (36 kick, 38 snare, 42 closed hat …).</summary>
    public static int GeneralMidiPitch(this DrumVoice voice) => Pitches[(int)voice];

    public static string Name(this DrumVoice voice) => Names[(int)voice];

    /// <summary>
    /// The voice a General MIDI / Roland TD-11 drum note plays, or null for notes outside the kit.
    /// Follows the Groove MIDI Dataset's own 9-class reduction, except that claps and side sticks keep their voices.
    /// </summary>
    public static DrumVoice? FromGeneralMidi(int pitch) => pitch switch
    {
        35 or 36 => DrumVoice.Kick,
        38 or 40 => DrumVoice.Snare,
        37 => DrumVoice.SideStick,
        39 => DrumVoice.Clap,
        42 or 22 or 44 => DrumVoice.ClosedHat,
        46 or 26 => DrumVoice.OpenHat,
        41 or 43 or 58 => DrumVoice.LowTom,
        45 or 47 => DrumVoice.MidTom,
        48 or 50 => DrumVoice.HighTom,
        49 or 52 or 55 or 57 => DrumVoice.Crash,
        51 or 53 or 59 => DrumVoice.Ride,
        _ => null,
    };

    /// <summary>The learned class of a voice (clap is a snare, side stick a snare, as in the data).</summary>
    public static DrumVoice Learned(this DrumVoice voice) => voice switch
    {
        DrumVoice.Clap or DrumVoice.SideStick => DrumVoice.Snare,
        _ => voice,
    };
}
