using Zordic.Agents.Harmony;
using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Agents.Tests;

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

    [Fact]
    public void An_empty_melody_has_no_chords() => Assert.Empty(Harmonizer.Default.Harmonize(new List<MidiNote>(), TimeSignature.Common).Chords);
}
