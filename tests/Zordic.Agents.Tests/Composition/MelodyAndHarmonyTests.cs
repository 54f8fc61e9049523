using CsCheck;
using Zordic.Agents.Composition;
using Zordic.Agents.Harmony;
using Zordic.Agents.Melody;
using Zordic.Agents.Prompting;
using Zordic.Music.Theory;

namespace Zordic.Agents.Tests.Composition;

public sealed class MelodyAndHarmonyTests
{
    static readonly Gen<MusicPrompt> Prompts =
        from genre in Gen.Int[0, Genres.All.Count - 1]
        from tonic in Gen.Int[0, 11]
        from modeIndex in Gen.Int[0, 2]
        let mode = new[] { Mode.Major, Mode.Minor, Mode.Dorian }[modeIndex]
        from bars in Gen.Int[1, 12]
        from complexity in Gen.Double[0, 1]
        select MusicPrompt.ForGenre((Genre)genre, bars) with { Key = new MusicalKey((PitchClass)tonic, mode), Complexity = complexity };

    [Fact]
    public void Melody_notes_are_in_key_and_the_last_one_is_the_tonic() =>
        Gen.Select(Prompts, Gen.Long).Sample((prompt, seed) =>
        {
            var composition = Composer.Default.Compose(prompt, seed);
            var notes = composition.Melody.Tracks.Single().Notes;
            Assert.NotEmpty(notes);
            Assert.All(notes, n => Assert.True(prompt.Key.Contains(n.Pitch), $"{n.Pitch} is not in {prompt.Key}"));
            Assert.Equal((int)prompt.Key.Tonic, notes[^1].Pitch % 12);
            Assert.True(notes[^1].End <= prompt.Bars * 1920);
        }, iter: 150);

    [Fact]
    public void Chords_are_in_key_and_move_smoothly() =>
        Gen.Select(Prompts, Gen.Long).Sample((prompt, seed) =>
        {
            var harmony = HarmonyGenerator.Generate(prompt, seed);
            Assert.Equal(prompt.Bars, harmony.Chords.Count);
            foreach (var span in harmony.Chords)
                foreach (var interval in span.Chord.Intervals())
                    Assert.True(prompt.Key.Contains((int)span.Chord.Root + interval), $"{span.Chord} has a tone outside {prompt.Key}");
            var chordNotes = harmony.Sketch.Tracks[0].Notes;
            var voicings = chordNotes.GroupBy(n => n.Start / 1920).Select(g => g.Select(n => n.Pitch).Distinct().Order().ToArray()).ToList();
            for (var i = 1; i < voicings.Count; i++)
                Assert.True(Math.Abs(voicings[i].Average() - voicings[i - 1].Average()) <= 7, "the chord part jumps more than a fifth on average");
            Assert.All(harmony.Sketch.Tracks[1].Notes, n => Assert.InRange(n.Pitch, 28, 59));
        }, iter: 150);

    [Fact]
    public void The_bass_plays_on_the_kicks()
    {
        var prompt = PromptParser.Parse("boom bap 90");
        var composition = Composer.Default.Compose(prompt, 5);
        var kicks = composition.Beat.Bars.Select(b => b.Kick).ToList();
        foreach (var note in composition.Harmony.Sketch.Tracks[1].Notes)
        {
            var step = note.Start / 120;
            Assert.True(step % 16 == 0 || (kicks[step / 16] & (1 << (step % 16))) != 0, $"bass note at step {step} without a kick");
        }
    }

    [Fact]
    public void Composition_is_deterministic_per_seed()
    {
        var prompt = PromptParser.Parse("lo-fi beat, 85 bpm, A minor, laid back");
        var a = Composer.Default.Compose(prompt, 9);
        var b = Composer.Default.Compose(prompt, 9);
        Assert.Equal(a.Beat.Sketch.Tracks[0].Notes, b.Beat.Sketch.Tracks[0].Notes);
        Assert.Equal(a.Melody.Tracks[0].Notes, b.Melody.Tracks[0].Notes);
        Assert.Equal(a.Harmony.Sketch.Tracks[0].Notes, b.Harmony.Sketch.Tracks[0].Notes);
        var c = Composer.Default.Compose(prompt, 10);
        Assert.NotEqual(a.Melody.Tracks[0].Notes, c.Melody.Tracks[0].Notes);
    }

    [Fact]
    public void Strong_beats_of_the_melody_are_mostly_chord_tones()
    {
        int strong = 0, fits = 0;
        for (var seed = 0; seed < 50; seed++)
        {
            var composition = Composer.Default.Compose(PromptParser.Parse("house 124"), seed);
            foreach (var n in composition.Melody.Tracks[0].Notes.Where(n => n.Start % 480 == 0))
            {
                strong++;
                if (composition.Harmony.ChordAt(n.Start).Contains(n.Pitch)) fits++;
            }
        }
        Assert.True(fits >= 0.8 * strong, $"{fits} of {strong} strong-beat notes are chord tones");
    }

    [Fact]
    public void Inspiration_rhythms_are_used()
    {
        var prompt = PromptParser.Parse("house 124");
        // A rhythm no folk tune has: every note on a 16th off the beat except the downbeat.
        var odd = new List<Parts.GeneratedNote> { new(72, 0, 100, 90), new(74, 360, 100, 90), new(76, 1080, 100, 90), new(74, 1800, 100, 90) };
        var used = Enumerable.Range(0, 40).Count(seed =>
            new MelodyGenerator(Models.AgentModels.Default.Melody).Compose(new MelodyRequest(prompt, seed, Inspiration: [odd, odd, odd]))
                .Tracks[0].Notes.Any(n => n.Start % 1920 == 1080));
        Assert.True(used > 0);
    }

    [Theory]
    [InlineData(new[] { 43, 47, 50 }, "G")]
    [InlineData(new[] { 40, 43, 47 }, "Em")]
    [InlineData(new[] { 38, 42, 45, 48 }, "D7")]
    [InlineData(new[] { 42, 45, 48 }, "F#dim")]
    [InlineData(new[] { 48, 52, 55, 59 }, "Cmaj7")]
    [InlineData(new[] { 45, 48, 52, 55 }, "Am7")]
    public void Recognizes_and_names_chords(int[] pitches, string symbol) =>
        Assert.Equal(symbol, ChordRecognizer.Recognize(pitches)!.Value.Symbol());

    [Fact]
    public void Scale_chords_follow_the_mode()
    {
        var c = MusicalKey.CMajor;
        Assert.Equal("C", ScaleChords.OnDegree(c, 0).Symbol());
        Assert.Equal("Dm7", ScaleChords.OnDegree(c, 1, 4).Symbol());
        Assert.Equal("G7", ScaleChords.OnDegree(c, 4, 4).Symbol());
        Assert.Equal("Bm7b5", ScaleChords.OnDegree(c, 6, 4).Symbol());
        Assert.Equal("Fmaj9", ScaleChords.OnDegree(c, 3, 5).Symbol());
        Assert.Equal("Am9", ScaleChords.OnDegree(new MusicalKey(PitchClass.A, Mode.Minor), 0, 5).Symbol());
    }
}
