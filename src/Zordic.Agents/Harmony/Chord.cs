using Zordic.Music.Theory;

namespace Zordic.Agents.Harmony;

/// <summary>A chord: root, triad quality and extension, e.g. D7 = (D, major, seventh), Em9 = (E, minor, minor ninth).</summary>
public readonly record struct Chord(PitchClass Root, ChordQuality Quality, ChordExtension Extension = ChordExtension.None)
{
    /// <summary>Semitones above the root of each chord tone, lowest first (the 9th above the octave).</summary>
    public int[] Intervals()
    {
        var third = Quality is ChordQuality.Minor or ChordQuality.Diminished ? 3 : 4;
        var fifth = Quality switch { ChordQuality.Diminished => 6, ChordQuality.Augmented => 8, _ => 7 };
        return Extension switch
        {
            ChordExtension.Seventh => [0, third, fifth, 10],
            ChordExtension.MajorSeventh => [0, third, fifth, 11],
            ChordExtension.MinorSeventh => [0, 3, fifth, 10],
            ChordExtension.HalfDiminished => [0, 3, 6, 10],
            ChordExtension.Ninth => [0, third, fifth, 10, 14],
            ChordExtension.MajorNinth => [0, third, fifth, 11, 14],
            ChordExtension.MinorNinth => [0, 3, fifth, 10, 14],
            ChordExtension.Sus4 => [0, 5, 7],
            ChordExtension.Sixth => [0, third, fifth, 9],
            _ => [0, third, fifth],
        };
    }

    /// <summary>True when the pitch class of <paramref name="midiPitch"/> is one of the chord's tones.</summary>
    public bool Contains(int midiPitch)
    {
        var offset = ((midiPitch - (int)Root) % 12 + 12) % 12;
        foreach (var i in Intervals()) if (i % 12 == offset) return true;
        return false;
    }

    /// <summary>True for the triad's tones only (root, third, fifth).</summary>
    public bool IsTriadTone(int midiPitch)
    {
        var offset = ((midiPitch - (int)Root) % 12 + 12) % 12;
        var triad = new Chord(Root, Quality).Intervals();
        return offset == triad[0] || offset == triad[1] || offset == triad[2];
    }

    /// <summary>The symbol musicians write: G, Em, D7, F#dim, Cmaj7, Am9, Bm7b5 …</summary>
    public string Symbol(bool preferFlats = false)
    {
        var root = Root.Name(preferFlats);
        return (Quality, Extension) switch
        {
            (ChordQuality.Diminished, ChordExtension.HalfDiminished) => root + "m7b5",
            (ChordQuality.Diminished, ChordExtension.Seventh) => root + "dim7",
            (ChordQuality.Diminished, _) => root + "dim",
            (ChordQuality.Augmented, _) => root + "aug",
            (_, ChordExtension.Sus4) => root + "sus4",
            (ChordQuality.Minor, ChordExtension.MinorSeventh or ChordExtension.Seventh) => root + "m7",
            (ChordQuality.Minor, ChordExtension.MinorNinth or ChordExtension.Ninth) => root + "m9",
            (ChordQuality.Minor, ChordExtension.MajorSeventh) => root + "m(maj7)",
            (ChordQuality.Minor, ChordExtension.Sixth) => root + "m6",
            (ChordQuality.Minor, _) => root + "m",
            (_, ChordExtension.Seventh) => root + "7",
            (_, ChordExtension.MajorSeventh) => root + "maj7",
            (_, ChordExtension.Ninth) => root + "9",
            (_, ChordExtension.MajorNinth) => root + "maj9",
            (_, ChordExtension.Sixth) => root + "6",
            _ => root,
        };
    }

    /// <summary>The triad alone, as the evaluation compares chords (root + quality).</summary>
    public Chord Triad => new(Root, Quality);

    public override string ToString() => Symbol();
}
