using CsCheck;
using Zordic.Agents.Harmony;
using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Agents.Tests.Harmony;

public sealed class HarmonizerTests
{
    // "Twinkle twinkle" in G: G G D D E E D- C C B B A A G-
    static List<MidiNote> Twinkle(int transpose = 0)
    {
        int[] pitches = [67, 67, 74, 74, 76, 76, 74, 72, 72, 71, 71, 69, 69, 67];
        int[] lengths = [1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2];
        var notes = new List<MidiNote>();
        long t = 0;
        for (var i = 0; i < pitches.Length; i++) { notes.Add(new MidiNote(t, lengths[i] * 480, pitches[i] + transpose, 90)); t += lengths[i] * 480; }
        return notes;
    }

    [Fact]
    public void Harmonizes_a_simple_tune_in_its_key_with_tonic_at_both_ends()
    {
        var result = Harmonizer.Default.Harmonize(Twinkle(), TimeSignature.Common);
        Assert.Equal(new MusicalKey(PitchClass.G, Mode.Major), result.Key);
        Assert.Equal("G", result.Chords[0].Chord.Symbol());
        Assert.Equal(PitchClass.G, result.Chords[^1].Chord.Root);
        Assert.Equal(0, result.Chords[0].Start);
        Assert.Equal(4 * 1920, result.Chords[^1].End);
        for (var i = 1; i < result.Chords.Count; i++) Assert.Equal(result.Chords[i - 1].End, result.Chords[i].Start);
    }

    [Fact]
    public void Transposing_the_melody_transposes_the_chords()
    {
        var g = Harmonizer.Default.Harmonize(Twinkle(), TimeSignature.Common);
        var a = Harmonizer.Default.Harmonize(Twinkle(2), TimeSignature.Common);
        Assert.Equal(g.Chords.Count, a.Chords.Count);
        for (var i = 0; i < g.Chords.Count; i++)
        {
            Assert.Equal(((int)g.Chords[i].Chord.Root + 2) % 12, (int)a.Chords[i].Chord.Root);
            Assert.Equal(g.Chords[i].Chord.Quality, a.Chords[i].Chord.Quality);
        }
    }

    // Notes one after another, each `eighths` eighth notes long.
    static List<MidiNote> Phrase(int[] pitches, int eighths = 1)
    {
        var notes = new List<MidiNote>();
        for (var i = 0; i < pitches.Length; i++) notes.Add(new MidiNote(i * eighths * 240L, eighths * 240, pitches[i], 90));
        return notes;
    }

    static MusicalKey Key(PitchClass tonic, Mode mode = Mode.Major) => new(tonic, mode);

    static void AssertSame(Harmonization expected, Harmonization actual)
    {
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Chords, actual.Chords);
    }

    [Fact]
    public void An_ambiguous_melody_takes_the_project_key_and_its_name()
    {
        // Two bars of pentatonic around A (A B D E D B A G …), ending on A: D major to the model, G major
        // just as well (G and D major both have these notes).
        var melody = Phrase([69, 71, 74, 76, 74, 71, 69, 67, 69, 71, 74, 71, 69, 67, 69, 69]);
        var own = Harmonizer.Default.Harmonize(melody, TimeSignature.Common);
        Assert.Equal(Key(PitchClass.D), own.Key);
        var inG = Harmonizer.Default.Harmonize(melody, TimeSignature.Common, Key(PitchClass.G));
        Assert.Equal(Key(PitchClass.G), inG.Key);
        Assert.NotEqual(own.Chords, inG.Chords);
        Assert.All(inG.Chords, c => Assert.Contains((int)c.Chord.Root, new[] { 7, 0, 2, 4, 9, 11, 6 }));
        var inEMinor = Harmonizer.Default.Harmonize(melody, TimeSignature.Common, Key(PitchClass.E, Mode.Minor));
        Assert.Equal(Key(PitchClass.E, Mode.Minor), inEMinor.Key);
        Assert.Equal(inG.Chords, inEMinor.Chords);
        // C major has F natural, which nothing in the melody suggests: not among its keys, so it is ignored.
        AssertSame(own, Harmonizer.Default.Harmonize(melody, TimeSignature.Common, Key(PitchClass.C)));
    }

    [Fact]
    public void A_melody_that_says_its_key_plainly_keeps_it_and_a_key_it_does_not_fit_is_ignored()
    {
        // A G major scale up and down, F sharp on the strong beats, ending on G.
        var scale = Phrase([67, 69, 71, 72, 74, 76, 78, 79, 78, 76, 74, 72, 71, 69, 66, 67, 71, 74, 78, 79, 74, 71, 66, 67], eighths: 2);
        var own = Harmonizer.Default.Harmonize(scale, TimeSignature.Common);
        Assert.Equal(Key(PitchClass.G), own.Key);
        AssertSame(own, Harmonizer.Default.Harmonize(scale, TimeSignature.Common, Key(PitchClass.C)));
        AssertSame(own, Harmonizer.Default.Harmonize(scale, TimeSignature.Common, Key(PitchClass.GSharp)));
    }

    [Fact]
    public void The_project_key_only_ever_replaces_the_melodys_key_by_itself_and_only_among_the_keys_the_melody_fits() =>
        (from pitches in Gen.Int[55, 84].Array[1, 40]
         from eighths in Gen.Int[1, 4]
         from tonic in Gen.Int[0, 11]
         from minor in Gen.Bool
         select (pitches, eighths, key: Key((PitchClass)tonic, minor ? Mode.Minor : Mode.Major)))
        .Sample(c =>
        {
            var melody = Phrase(c.pitches, c.eighths);
            var own = Harmonizer.Default.Harmonize(melody, TimeSignature.Common);
            var asked = Harmonizer.Default.Harmonize(melody, TimeSignature.Common, c.key);
            if (asked.Key == c.key)
            {
                var frames = new MelodyFrames(melody, TimeSignature.Common, melody[^1].EndTick);
                Assert.Contains(KeyReference.MajorTonic(c.key), Harmonizer.Default.Model.CandidateTonics(frames, Harmonizer.Default.Model.CandidateKeys));
            }
            else AssertSame(own, asked);
        }, iter: 200);

    [Fact]
    public void An_empty_melody_has_no_chords() => Assert.Empty(Harmonizer.Default.Harmonize(new List<MidiNote>(), TimeSignature.Common).Chords);
}
