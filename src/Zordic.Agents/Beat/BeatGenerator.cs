using Zordic.Agents.Models;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Music.Document;
using Zordic.Music.Time;

namespace Zordic.Agents.Beat;

/// <summary>
/// Writes drum parts in phrases of four bars: a main groove and a close cousin for the third bar, varied bar
/// to bar, a fill closing each phrase, a crash opening one where the style has it. The bars come from the
/// Groove recordings of the genre's style (<see cref="GrooveBarSource"/>) or, for the genres the data lacks,
/// from the genre's written idiom (<see cref="IdiomBarSource"/>); <see cref="DrumHumanizer"/> plays them.
/// Pure: the same prompt and seed give the same beat.
/// </summary>
public sealed class BeatGenerator(BeatModel model)
{
    public static BeatGenerator Default { get; } = new(AgentModels.Default.Beat);

    /// <summary>How often the third bar of a phrase plays the main groove's cousin.</summary>
    const double CousinChance = 0.5;
    /// <summary>How often a phrase ends with a fill, plus the complexity's share.</summary>
    const double FillChance = 0.55, FillChancePerComplexity = 0.4;

    /// <summary>The Groove style a genre learns from (its own, or the one whose feel an idiom borrows).</summary>
    public static string LearnedStyle(Genre genre) => genre switch
    {
        Genre.Rock => "rock",
        Genre.Funk => "funk",
        Genre.Jazz => "jazz",
        Genre.Latin => "latin",
        Genre.HipHop => "hiphop",
        Genre.Afrobeat => "afrobeat",
        Genre.Pop => "pop",
        Genre.Punk => "punk",
        Genre.Soul => "soul",
        Genre.Reggae => "reggae",
        Genre.Disco => "dance",
        Genre.Blues => "blues",
        Genre.Country => "country",
        Genre.NewOrleans => "neworleans",
        _ => DrumIdiom.For(genre)!.FeelFrom,
    };

    /// <summary>The median tempo the drummers of a learned style played at.</summary>
    public double ModelBpm(string style) => model.Style(style).Bpm;

    public DrumBeat Generate(MusicPrompt prompt, long seed)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var random = SeededRandom.For(seed, "beat");
        var style = model.Style(LearnedStyle(prompt.Genre));
        var startsOnDownbeat = GenreDefaults.For(prompt.Genre).StartsOnDownbeat;
        var c = Math.Clamp(prompt.Complexity, 0, 1);
        IBarSource source = DrumIdiom.For(prompt.Genre) is { } idiom
            ? IdiomBarSource.Draw(idiom, style, c, random)
            : GrooveBarSource.Draw(style, style.Fills.Count > 0 ? style.Fills : model.Style("rock").Fills, prompt.Genre, c, startsOnDownbeat, random);

        var bars = new DrumBar[prompt.Bars];
        for (var b = 0; b < prompt.Bars; b++)
        {
            var bar = b % 4 == 2 && random.Chance(CousinChance) ? source.Cousin : source.Main;
            bar = source.Vary(bar, random);
            var phraseEnd = b % 4 == 3 || (b == prompt.Bars - 1 && prompt.Bars >= 2);
            if (phraseEnd && random.Chance(FillChance + FillChancePerComplexity * c)) bar = source.Fill(bar, random);
            if (b % 4 == 0) bar = source.OpenPhrase(bar, b, random);
            if (b == 0 && startsOnDownbeat && !bar.StartsOnDownbeat) bar = bar.Set(DrumVoice.Kick, 0);
            bars[b] = bar;
        }

        var notes = DrumHumanizer.Play(bars, source, prompt, random, startsOnDownbeat);
        var sketch = new Sketch(prompt.Bpm, TimeSignature.Common, prompt.Key, prompt.Bars,
            [new GeneratedPart("Drums", TrackKind.Drums, notes)]);
        return new DrumBeat(prompt, seed, sketch, bars, source.Name);
    }
}
