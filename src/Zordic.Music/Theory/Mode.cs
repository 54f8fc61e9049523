namespace Zordic.Music.Theory;

/// <summary>The seven diatonic modes; <see cref="Major"/> is Ionian and <see cref="Minor"/> is Aeolian.</summary>
public enum Mode { Major, Minor, Dorian, Phrygian, Lydian, Mixolydian, Locrian }

public static class Modes
{
    // Semitone offsets of each degree from the tonic.
    static readonly int[][] Degrees =
    [
        [0, 2, 4, 5, 7, 9, 11], // major
        [0, 2, 3, 5, 7, 8, 10], // minor
        [0, 2, 3, 5, 7, 9, 10], // dorian
        [0, 1, 3, 5, 7, 8, 10], // phrygian
        [0, 2, 4, 6, 7, 9, 11], // lydian
        [0, 2, 4, 5, 7, 9, 10], // mixolydian
        [0, 1, 3, 5, 6, 8, 10], // locrian
    ];

    static readonly string[] Names = ["major", "minor", "dorian", "phrygian", "lydian", "mixolydian", "locrian"];

    /// <summary>Semitones above the tonic of the mode's seven degrees.</summary>
    public static ReadOnlySpan<int> Intervals(this Mode mode) => Degrees[(int)mode];

    /// <summary>The lower-case name used in JSON ("minor").</summary>
    public static string Name(this Mode mode) => Names[(int)mode];

    /// <summary>Parses a mode name; "ionian" and "aeolian" are accepted as major and minor.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Mode mode)
    {
        text = text.Trim();
        for (var i = 0; i < Names.Length; i++)
        {
            if (text.Equals(Names[i], StringComparison.OrdinalIgnoreCase)) { mode = (Mode)i; return true; }
        }
        if (text.Equals("ionian", StringComparison.OrdinalIgnoreCase)) { mode = Mode.Major; return true; }
        if (text.Equals("aeolian", StringComparison.OrdinalIgnoreCase)) { mode = Mode.Minor; return true; }
        mode = default;
        return false;
    }
}
