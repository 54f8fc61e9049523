namespace Zordic.Music.Theory;

/// <summary>A key: a tonic and a mode, e.g. A minor.</summary>
public readonly record struct MusicalKey(PitchClass Tonic, Mode Mode)
{
    public static readonly MusicalKey CMajor = new(PitchClass.C, Mode.Major);

    /// <summary>True when the pitch class of the MIDI note is one of the key's seven degrees.</summary>
    public bool Contains(int midiPitch)
    {
        var offset = ((midiPitch - (int)Tonic) % 12 + 12) % 12;
        return Mode.Intervals().Contains(offset);
    }

    /// <summary>Flats read better in F, Bb, Eb … major and their relative modes.</summary>
    public bool PrefersFlats
    {
        get
        {
            // The relative major's place on the circle of fifths decides: F, Bb, Eb, Ab, Db are written with flats.
            var relativeMajor = (int)RelativeMajor;
            return relativeMajor is 5 or 10 or 3 or 8 or 1;
        }
    }

    /// <summary>The major key with the same notes: C for A minor, F for D dorian.</summary>
    public PitchClass RelativeMajor => (PitchClass)(((int)Tonic - MajorDegreeOf(Mode) + 12) % 12);

    static int MajorDegreeOf(Mode mode) => mode switch
    {
        Mode.Major => 0,
        Mode.Dorian => 2,
        Mode.Phrygian => 4,
        Mode.Lydian => 5,
        Mode.Mixolydian => 7,
        Mode.Minor => 9,
        Mode.Locrian => 11,
        _ => 0,
    };

    public override string ToString() => $"{Tonic.Name(PrefersFlats)} {Mode.Name()}";

    /// <summary>Parses "A minor", "F# dorian", "Bb", "Am", "C#m"; a bare tonic is major.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MusicalKey key)
    {
        key = default;
        text = text.Trim();
        var space = text.IndexOf(' ');
        ReadOnlySpan<char> tonicText, modeText;
        if (space >= 0) { tonicText = text[..space]; modeText = text[(space + 1)..]; }
        else if (text.Length >= 2 && text[^1] == 'm' && text.Length <= 3) { tonicText = text[..^1]; modeText = "minor"; }
        else { tonicText = text; modeText = "major"; }
        if (!PitchClassNames.TryParse(tonicText, out var tonic)) return false;
        if (modeText.Trim().Equals("min", StringComparison.OrdinalIgnoreCase)) modeText = "minor";
        if (modeText.Trim().Equals("maj", StringComparison.OrdinalIgnoreCase)) modeText = "major";
        if (!Modes.TryParse(modeText, out var mode)) return false;
        key = new MusicalKey(tonic, mode);
        return true;
    }
}
