namespace Zordic.Music.Theory;

/// <summary>One of the twelve pitch classes, C = 0 … B = 11.</summary>
public enum PitchClass
{
    C = 0, CSharp = 1, D = 2, DSharp = 3, E = 4, F = 5, FSharp = 6, G = 7, GSharp = 8, A = 9, ASharp = 10, B = 11,
}

public static class PitchClassNames
{
    static readonly string[] Sharps = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
    static readonly string[] Flats = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];

    /// <summary>The name musicians write for this pitch class; flats when <paramref name="preferFlats"/>.</summary>
    public static string Name(this PitchClass pc, bool preferFlats = false) => (preferFlats ? Flats : Sharps)[(int)pc];

    /// <summary>Parses "C", "c#", "Db", "E♭", "F♯", "B#", "Cb"; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PitchClass pc)
    {
        pc = default;
        text = text.Trim();
        if (text.IsEmpty) return false;
        int semitone = char.ToUpperInvariant(text[0]) switch
        {
            'C' => 0,
            'D' => 2,
            'E' => 4,
            'F' => 5,
            'G' => 7,
            'A' => 9,
            'B' => 11,
            _ => -1,
        };
        if (semitone < 0) return false;
        foreach (var accidental in text[1..])
        {
            switch (accidental)
            {
                case '#' or '♯': semitone++; break;
                case 'b' or '♭': semitone--; break;
                default: return false;
            }
        }
        if (text.Length > 3) return false;
        pc = (PitchClass)(((semitone % 12) + 12) % 12);
        return true;
    }

    /// <summary>The pitch class of a MIDI note number.</summary>
    public static PitchClass OfMidi(int pitch) => (PitchClass)(((pitch % 12) + 12) % 12);
}
