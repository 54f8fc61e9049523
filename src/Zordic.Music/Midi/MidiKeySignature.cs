using Zordic.Music.Theory;

namespace Zordic.Music.Midi;

/// <summary>
/// The Key Signature meta event (FF 59): sharps (positive) or flats (negative), and major (0) or minor (1).
/// </summary>
public readonly record struct MidiKeySignature(int SharpsOrFlats, bool IsMinor)
{
    /// <summary>The key the signature names: its major key, or the relative minor (a minor third below).</summary>
    public MusicalKey ToKey()
    {
        // Each sharp moves the major tonic a fifth up (7 semitones), each flat a fifth down.
        var majorTonic = ((SharpsOrFlats * 7) % 12 + 12) % 12;
        return IsMinor
            ? new MusicalKey((PitchClass)((majorTonic + 9) % 12), Mode.Minor)
            : new MusicalKey((PitchClass)majorTonic, Mode.Major);
    }

    /// <summary>
    /// The signature of a key. SMF knows only major and minor, so a modal key is written with the
    /// signature of its relative major (D dorian gets no sharps and reads back as C major).
    /// </summary>
    public static MidiKeySignature FromKey(MusicalKey key)
    {
        var isMinor = key.Mode == Mode.Minor;
        var relativeMajor = (int)key.RelativeMajor;
        // A fifth up per sharp: the pitch class times 7 (its own inverse mod 12) counts the fifths.
        var sharps = relativeMajor * 7 % 12;
        if (sharps > 6 || (sharps == 6 && key.PrefersFlats)) sharps -= 12;
        return new MidiKeySignature(sharps, isMinor);
    }
}
