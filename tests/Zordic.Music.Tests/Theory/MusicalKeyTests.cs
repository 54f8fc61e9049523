using CsCheck;
using Zordic.Music.Theory;

namespace Zordic.Music.Tests.Theory;

public sealed class MusicalKeyTests
{
    static readonly Gen<MusicalKey> Keys = Gen.Select(Gen.Enum<PitchClass>(), Gen.Enum<Mode>(), (tonic, mode) => new MusicalKey(tonic, mode));

    static IEnumerable<MusicalKey> AllKeys() =>
        from tonic in Enum.GetValues<PitchClass>() from mode in Enum.GetValues<Mode>() select new MusicalKey(tonic, mode);

    static MusicalKey Parse(string text) => MusicalKey.TryParse(text, out var key) ? key : throw new FormatException($"'{text}' did not parse");

    [Fact]
    public void A_printed_key_parses_back_to_itself() =>
        Keys.Sample(key => MusicalKey.TryParse(key.ToString(), out var parsed) && parsed == key, iter: 1000);

    /// <summary>
    /// The ways people write a key: either spelling of the tonic (ASCII or Unicode accidentals, any case of the
    /// letter), the mode's name in any case or its church name, "m"/"min" for minor, nothing or "maj" for major,
    /// and spaces around and between.
    /// </summary>
    [Fact]
    public void Any_usual_spelling_of_a_key_parses_to_that_key() =>
        Gen.Select(Keys, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 3], Gen.Int[1, 3], Gen.Int[0, 2])
            .Sample((key, flats, unicode, lowerTonic, modeSpelling, gap, padding) =>
            {
                var tonic = key.Tonic.Name(flats);
                if (unicode) tonic = tonic[..1] + tonic[1..].Replace('#', '♯').Replace('b', '♭');
                if (lowerTonic) tonic = tonic.ToLowerInvariant();
                var name = key.Mode.Name();
                var modeText = (key.Mode, modeSpelling) switch
                {
                    (Mode.Minor, 1) => "m",
                    (Mode.Minor, 2) => new string(' ', gap) + "min",
                    (Mode.Minor, 3) => new string(' ', gap) + "Aeolian",
                    (Mode.Major, 1) => "",
                    (Mode.Major, 2) => new string(' ', gap) + "MAJ",
                    (Mode.Major, 3) => new string(' ', gap) + "ionian",
                    (_, 1) => new string(' ', gap) + name.ToUpperInvariant(),
                    (_, 2) => new string(' ', gap) + char.ToUpperInvariant(name[0]) + name[1..],
                    _ => new string(' ', gap) + name,
                };
                var text = new string(' ', padding) + tonic + modeText + new string('\t', padding);
                return MusicalKey.TryParse(text, out var parsed) && parsed == key;
            }, iter: 2000);

    /// <summary>Flats where the key signature has flats: the relative major (the major key with the same notes) is F, Bb, Eb, Ab or Db.</summary>
    [Fact]
    public void Keys_with_a_flat_key_signature_are_printed_with_flats()
    {
        PitchClass[] flatMajors = [PitchClass.F, PitchClass.ASharp, PitchClass.DSharp, PitchClass.GSharp, PitchClass.CSharp];
        foreach (var key in AllKeys())
        {
            var relativeMajor = Enum.GetValues<PitchClass>().Single(tonic => SameNotes(key, new MusicalKey(tonic, Mode.Major)));
            Assert.True(flatMajors.Contains(relativeMajor) == key.PrefersFlats, key.ToString());
            Assert.Equal(key.Tonic.Name(key.PrefersFlats), key.ToString().Split(' ')[0]);
        }
    }

    static bool SameNotes(MusicalKey a, MusicalKey b) => Enumerable.Range(0, 12).All(p => a.Contains(p) == b.Contains(p));

    [Theory]
    [InlineData(PitchClass.C, Mode.Major, "C major")]
    [InlineData(PitchClass.A, Mode.Minor, "A minor")]
    [InlineData(PitchClass.D, Mode.Minor, "D minor")]
    [InlineData(PitchClass.CSharp, Mode.Major, "Db major")]
    [InlineData(PitchClass.CSharp, Mode.Minor, "C# minor")]
    [InlineData(PitchClass.FSharp, Mode.Major, "F# major")]
    [InlineData(PitchClass.ASharp, Mode.Minor, "Bb minor")]
    [InlineData(PitchClass.G, Mode.Dorian, "G dorian")]
    [InlineData(PitchClass.ASharp, Mode.Mixolydian, "Bb mixolydian")]
    [InlineData(PitchClass.GSharp, Mode.Phrygian, "G# phrygian")]
    public void A_key_prints_as_its_tonic_and_mode(PitchClass tonic, Mode mode, string expected) =>
        Assert.Equal(expected, new MusicalKey(tonic, mode).ToString());

    [Theory]
    [InlineData("A minor", PitchClass.A, Mode.Minor)]
    [InlineData("F# dorian", PitchClass.FSharp, Mode.Dorian)]
    [InlineData("Bb", PitchClass.ASharp, Mode.Major)]
    [InlineData("Am", PitchClass.A, Mode.Minor)]
    [InlineData("C#m", PitchClass.CSharp, Mode.Minor)]
    [InlineData("Bbm", PitchClass.ASharp, Mode.Minor)]
    [InlineData("bm", PitchClass.B, Mode.Minor)]
    [InlineData("E♭ major", PitchClass.DSharp, Mode.Major)]
    [InlineData("Cb lydian", PitchClass.B, Mode.Lydian)]
    public void The_documented_spellings_parse(string text, PitchClass tonic, Mode mode) =>
        Assert.Equal(new MusicalKey(tonic, mode), Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("H minor")]
    [InlineData("A blues")]
    [InlineData("A minor key")]
    [InlineData("Am minor")]
    [InlineData("minor")]
    [InlineData("m")]
    [InlineData("C#mm")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(MusicalKey.TryParse(text, out var key));
        Assert.Equal(default, key);
    }

    [Fact]
    public void A_key_holds_seven_pitch_classes_its_tonic_among_them_in_every_octave() =>
        Gen.Select(Keys, Gen.Int[-300, 300]).Sample((key, pitch) =>
            Enumerable.Range(0, 12).Count(key.Contains) == 7
            && key.Contains((int)key.Tonic) && key.Contains((int)key.Tonic - 120)
            && key.Contains(pitch) == key.Contains(pitch + 12));

    [Fact]
    public void Relative_keys_share_their_notes()
    {
        Assert.True(SameNotes(Parse("A minor"), MusicalKey.CMajor));
        Assert.True(SameNotes(Parse("D dorian"), MusicalKey.CMajor));
        Assert.False(SameNotes(Parse("A major"), MusicalKey.CMajor));
        Assert.Equal(Enumerable.Range(0, 12).Where(p => p is 0 or 2 or 4 or 5 or 7 or 9 or 11), Enumerable.Range(0, 12).Where(MusicalKey.CMajor.Contains));
    }
}
