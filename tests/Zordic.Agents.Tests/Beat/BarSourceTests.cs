using CsCheck;
using Zordic.Agents.Beat;
using Zordic.Agents.Models;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;

namespace Zordic.Agents.Tests.Beat;

/// <summary>The beat's two bar sources, each on its own: what a varied bar may change and what it must keep.</summary>
public sealed class BarSourceTests
{
    static readonly Genre[] Idioms = [.. Genres.All.Where(g => DrumIdiom.For(g) is not null)];
    static readonly Genre[] Learned = [.. Genres.All.Where(g => DrumIdiom.For(g) is null)];

    static GrooveStyle StyleOf(Genre genre) => AgentModels.Default.Beat.Style(BeatGenerator.LearnedStyle(genre));

    [Fact]
    public void An_idiom_bar_plays_what_its_variant_writes_always_and_nothing_it_does_not_write()
    {
        Gen.Select(Gen.Int[0, Idioms.Length - 1], Gen.Long, Gen.Double[0, 1]).Sample((g, seed, complexity) =>
        {
            var idiom = DrumIdiom.For(Idioms[g])!;
            var random = new SeededRandom(seed);
            var source = IdiomBarSource.Draw(idiom, StyleOf(Idioms[g]), complexity, random);
            var bars = Enumerable.Range(0, 8).Select(b => source.Vary(b % 4 == 2 ? source.Cousin : source.Main, random)).ToList();
            return idiom.Variants.Any(variant => bars.All(bar => Fits(bar, variant)));
        });
    }

    [Fact]
    public void A_varied_groove_bar_keeps_the_style_s_strong_hits()
    {
        Gen.Select(Gen.Int[0, Learned.Length - 1], Gen.Long, Gen.Double[0, 1]).Sample((g, seed, complexity) =>
        {
            var style = StyleOf(Learned[g]);
            var random = new SeededRandom(seed);
            var source = GrooveBarSource.Draw(style, style.Fills, Learned[g], complexity, startsOnDownbeat: true, random);
            for (var b = 0; b < 8; b++)
            {
                var bar = b % 4 == 2 ? source.Cousin : source.Main;
                var varied = source.Vary(bar, random);
                for (var v = 0; v < DrumVoices.LearnedCount; v++)
                    for (var s = 0; s < DrumBar.Steps; s++)
                        if (bar.Has((DrumVoice)v, s) && style.OnsetProbability[GrooveStyle.Cell((DrumVoice)v, s)] >= 0.5 && !varied.Has((DrumVoice)v, s)) return false;
            }
            return true;
        });
    }

    [Fact]
    public void Only_a_groove_source_has_a_recorded_feel_and_its_genre_s_swing_built_in()
    {
        var random = new SeededRandom(1);
        var funk = StyleOf(Genre.Funk);
        var groove = GrooveBarSource.Draw(funk, funk.Fills, Genre.Funk, 0.5, true, random);
        Assert.Same(funk, groove.BarFeel);
        Assert.Equal(GenreDefaults.For(Genre.Funk).Swing, groove.BuiltInSwing);
        Assert.Equal("funk", groove.Name);
        var idiom = IdiomBarSource.Draw(DrumIdiom.For(Genre.House)!, StyleOf(Genre.House), 0.5, random);
        Assert.Null(idiom.BarFeel);
        Assert.Equal(0, idiom.BuiltInSwing);
        Assert.Equal("idiom:house", idiom.Name);
    }

    // 'x' steps always sound; every sounding step is written ('x', 'o' or 'g').
    static bool Fits(DrumBar bar, IReadOnlyDictionary<DrumVoice, string> variant)
    {
        for (var v = 0; v < DrumVoices.Count; v++)
        {
            var steps = variant.TryGetValue((DrumVoice)v, out var written) ? written : new string('-', DrumBar.Steps);
            for (var s = 0; s < DrumBar.Steps; s++)
            {
                var on = bar.Has((DrumVoice)v, s);
                if ((steps[s] == 'x' && !on) || (steps[s] == '-' && on)) return false;
            }
        }
        return true;
    }
}
