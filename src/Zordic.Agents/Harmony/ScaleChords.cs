using Zordic.Music.Theory;

namespace Zordic.Agents.Harmony;

/// <summary>The diatonic chords of a key: the triad (and its 7th or 9th) built on each degree of the mode.</summary>
public static class ScaleChords
{
    /// <summary>The chord on scale degree <paramref name="degree"/> (0 = tonic) with diatonic extensions up to <paramref name="extension"/> (3 = triad, 4 = 7th, 5 = 9th).</summary>
    public static Chord OnDegree(MusicalKey key, int degree, int extension = 3)
    {
        var scale = key.Mode.Intervals().ToArray();
        int Tone(int d) => scale[((d % 7) + 7) % 7] + 12 * (d / 7);
        var root = Tone(degree);
        var third = (Tone(degree + 2) - root + 12) % 12;
        var fifth = (Tone(degree + 4) - root + 12) % 12;
        var quality = (third, fifth) switch
        {
            (4, 7) => ChordQuality.Major,
            (3, 7) => ChordQuality.Minor,
            (3, 6) => ChordQuality.Diminished,
            _ => ChordQuality.Augmented,
        };
        var chordExtension = ChordExtension.None;
        if (extension >= 4)
        {
            var seventh = (Tone(degree + 6) - root + 12) % 12;
            var ninth = (Tone(degree + 1) - root + 12) % 12;
            chordExtension = (quality, seventh) switch
            {
                (ChordQuality.Major, 10) => ChordExtension.Seventh,
                (ChordQuality.Major, 11) => ChordExtension.MajorSeventh,
                (ChordQuality.Minor, 10) => ChordExtension.MinorSeventh,
                (ChordQuality.Minor, 11) => ChordExtension.MajorSeventh,
                (ChordQuality.Diminished, 10) => ChordExtension.HalfDiminished,
                _ => ChordExtension.None,
            };
            // A 9th only where it is a major ninth above the root and the chord is not diminished (b9s clash).
            if (extension >= 5 && ninth == 2 && quality != ChordQuality.Diminished)
            {
                chordExtension = chordExtension switch
                {
                    ChordExtension.Seventh => ChordExtension.Ninth,
                    ChordExtension.MajorSeventh when quality == ChordQuality.Major => ChordExtension.MajorNinth,
                    ChordExtension.MinorSeventh => ChordExtension.MinorNinth,
                    _ => chordExtension,
                };
            }
        }
        return new Chord((PitchClass)(((int)key.Tonic + root) % 12), quality, chordExtension);
    }
}
