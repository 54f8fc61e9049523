using Zordic.Agents.Beat;
using Zordic.Agents.Prompting;

namespace Zordic.Agents.Tests.Beat;

public sealed class BeatGeneratorTests
{
    static readonly HashSet<int> KitPitches = Enumerable.Range(0, DrumVoices.Count).Select(v => ((DrumVoice)v).GeneralMidiPitch()).ToHashSet();

    public static TheoryData<Genre> AllGenres() => [.. Genres.All];

    [Theory]
    [MemberData(nameof(AllGenres))]
    public void Every_genre_starts_on_the_downbeat_with_General_MIDI_drums(Genre genre)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var beat = BeatGenerator.Default.Generate(MusicPrompt.ForGenre(genre), seed);
            var notes = beat.Sketch.Tracks.Single().Notes;
            Assert.True(GenreDefaults.For(genre).StartsOnDownbeat);
            Assert.Equal(0, notes[0].Start);
            Assert.All(notes, n =>
            {
                Assert.Contains(n.Pitch, KitPitches);
                Assert.InRange(n.Velocity, 1, 127);
                Assert.InRange(n.Start, 0, 4 * 1920 - 1);
                Assert.True(n.Duration > 0);
            });
            Assert.Equal(4, beat.Bars.Count);
        }
    }

    [Theory]
    [InlineData("lo-fi beat, 85 bpm, A minor, laid back")]
    [InlineData("four on the floor house 124")]
    [InlineData("funk groove")]
    [InlineData("trap 140 with rolling hats")]
    public void The_same_seed_gives_the_same_beat_and_other_seeds_other_beats(string text)
    {
        var prompt = PromptParser.Parse(text);
        var a = BeatGenerator.Default.Generate(prompt, 42).Sketch.Tracks[0].Notes;
        var b = BeatGenerator.Default.Generate(prompt, 42).Sketch.Tracks[0].Notes;
        Assert.Equal(a, b);
        var grids = Enumerable.Range(0, 100).Select(seed => Grid(BeatGenerator.Default.Generate(prompt, seed))).Distinct().Count();
        Assert.True(grids >= 95, $"{grids} distinct step grids out of 100 seeds for '{text}'");
    }

    [Fact]
    public void House_keeps_four_on_the_floor_and_trap_rolls_its_hats()
    {
        var house = BeatGenerator.Default.Generate(PromptParser.Parse("house 124"), 7);
        foreach (var bar in house.Bars.Take(3)) Assert.Equal(0x1111, bar.Kick & 0x1111);
        var trap = BeatGenerator.Default.Generate(PromptParser.Parse("trap 140 with rolling hats"), 7);
        var hats = trap.Sketch.Tracks[0].Notes.Where(n => n.Pitch == 42).Select(n => n.Start).Order().ToList();
        Assert.Contains(hats.Zip(hats.Skip(1)), p => p.Second - p.First < 120);
    }

    [Fact]
    public void Learned_styles_carry_human_micro_timing_and_dynamics()
    {
        var notes = BeatGenerator.Default.Generate(PromptParser.Parse("funk groove"), 3).Sketch.Tracks[0].Notes;
        Assert.Contains(notes, n => n.Start % 120 != 0);
        Assert.True(notes.Select(n => n.Velocity).Distinct().Count() > 10);
    }

    // The beat as step positions only: what a listener hears as "the pattern", without velocity or timing.
    internal static string Grid(DrumBeat beat) => string.Join("|", beat.Bars.Select(b =>
        string.Join(",", Enumerable.Range(0, DrumVoices.Count).Select(v => b[(DrumVoice)v])))) + "|" + beat.Sketch.Tracks[0].Notes.Count;
}
