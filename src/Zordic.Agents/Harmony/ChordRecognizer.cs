using Zordic.Music.Theory;

namespace Zordic.Agents.Harmony;

/// <summary>Names the chord a set of sounding pitches spells (for reading the Nottingham chord tracks and user MIDI).</summary>
public static class ChordRecognizer
{
    /// <summary>
    /// The chord of <paramref name="pitches"/>, preferring the lowest note as the root (block chords in root
    /// position and slash chords both read right); null when no triad is spelled.
    /// </summary>
    public static Chord? Recognize(ReadOnlySpan<int> pitches)
    {
        if (pitches.IsEmpty) return null;
        var mask = 0;
        var lowest = int.MaxValue;
        foreach (var p in pitches) { mask |= 1 << (((p % 12) + 12) % 12); lowest = Math.Min(lowest, p); }
        var bass = ((lowest % 12) + 12) % 12;
        Chord? best = null;
        var bestScore = int.MinValue;
        for (var root = 0; root < 12; root++)
        {
            if ((mask & (1 << root)) == 0) continue;
            var rel = Rotate(mask, root);
            foreach (var (quality, third, fifth) in Triads)
            {
                if ((rel & (1 << third)) == 0) continue;
                var hasFifth = (rel & (1 << fifth)) != 0;
                // A triad needs its fifth unless it is a two-note shell with a seventh (rare in the data).
                if (!hasFifth && !((rel & (1 << 10)) != 0 && quality is ChordQuality.Major or ChordQuality.Minor)) continue;
                var extension = Extension(quality, rel);
                var covered = (1 << 0) | (1 << third) | (hasFifth ? 1 << fifth : 0) | ExtensionMask(extension);
                var score = (root == bass ? 4 : 0) + (hasFifth ? 2 : 0) - 3 * int.PopCount(rel & ~covered)
                    + (quality is ChordQuality.Major or ChordQuality.Minor ? 1 : 0);
                if (score > bestScore) { bestScore = score; best = new Chord((PitchClass)root, quality, extension); }
            }
        }
        return best;
    }

    static readonly (ChordQuality Quality, int Third, int Fifth)[] Triads =
    [
        (ChordQuality.Major, 4, 7), (ChordQuality.Minor, 3, 7), (ChordQuality.Diminished, 3, 6), (ChordQuality.Augmented, 4, 8),
    ];

    static int Rotate(int mask, int root) => ((mask >> root) | (mask << (12 - root))) & 0xFFF;

    static ChordExtension Extension(ChordQuality quality, int rel)
    {
        var b7 = (rel & (1 << 10)) != 0;
        var maj7 = (rel & (1 << 11)) != 0;
        var sixth = (rel & (1 << 9)) != 0;
        return quality switch
        {
            ChordQuality.Major when b7 => ChordExtension.Seventh,
            ChordQuality.Major when maj7 => ChordExtension.MajorSeventh,
            ChordQuality.Major when sixth => ChordExtension.Sixth,
            ChordQuality.Minor when b7 => ChordExtension.MinorSeventh,
            ChordQuality.Minor when sixth => ChordExtension.Sixth,
            ChordQuality.Diminished when b7 => ChordExtension.HalfDiminished,
            ChordQuality.Diminished when sixth => ChordExtension.Seventh,
            _ => ChordExtension.None,
        };
    }

    static int ExtensionMask(ChordExtension extension) => extension switch
    {
        ChordExtension.Seventh or ChordExtension.MinorSeventh or ChordExtension.HalfDiminished => 1 << 10 | 1 << 9,
        ChordExtension.MajorSeventh => 1 << 11,
        ChordExtension.Sixth => 1 << 9,
        _ => 0,
    };
}
