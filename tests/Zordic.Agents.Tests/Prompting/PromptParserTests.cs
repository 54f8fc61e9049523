using Zordic.Agents.Prompting;
using Zordic.Music.Theory;

namespace Zordic.Agents.Tests.Prompting;

public sealed class PromptParserTests
{
    [Theory]
    // prompt, genre, bpm, key (null = genre default), mood (null = genre default), bars, hat rolls
    [InlineData("lo-fi beat, 85 bpm, A minor, laid back", Genre.LoFi, 85, "A minor", Mood.LaidBack, 4, false)]
    [InlineData("four on the floor house 124", Genre.House, 124, null, null, 4, false)]
    [InlineData("trap 140 with rolling hats", Genre.Trap, 140, null, null, 4, true)]
    [InlineData("funk groove", Genre.Funk, 100, null, null, 4, false)]
    [InlineData("boom bap 90", Genre.HipHop, 90, null, null, 4, false)]
    [InlineData("drum and bass 174", Genre.DrumAndBass, 174, null, null, 4, false)]
    [InlineData("reggaeton", Genre.Reggaeton, 95, null, null, 4, false)]
    [InlineData("afrobeat", Genre.Afrobeat, 105, null, null, 4, false)]
    [InlineData("Energetic techno in F#m, 8 bars", Genre.Techno, 130, "F# minor", Mood.Energetic, 8, false)]
    [InlineData("jazz ride pattern, Bb major, 160 bpm", Genre.Jazz, 160, "A# major", null, 4, false)]
    [InlineData("dark dnb at 172 bpm in D minor", Genre.DrumAndBass, 172, "D minor", Mood.Dark, 4, false)]
    [InlineData("a laid back hip-hop beat", Genre.HipHop, 90, null, Mood.LaidBack, 4, false)]
    [InlineData("chill beat 16 bars", Genre.LoFi, 82, null, Mood.Chill, 16, false)]
    [InlineData("latin groove in the key of Em", Genre.Latin, 105, "E minor", null, 4, false)]
    [InlineData("rock 128 bpm, E major", Genre.Rock, 128, "E major", null, 4, false)]
    [InlineData("something at 174 bpm", Genre.DrumAndBass, 174, null, null, 4, false)]
    [InlineData("hi-hat rolls please", Genre.Trap, 140, null, null, 4, true)]
    public void Reads_genre_tempo_key_mood_bars(string text, Genre genre, double bpm, string? key, Mood? mood, int bars, bool hatRolls)
    {
        var prompt = PromptParser.Parse(text);
        var defaults = GenreDefaults.For(genre);
        Assert.Equal(genre, prompt.Genre);
        Assert.Equal(bpm, prompt.Bpm);
        Assert.Equal(key is null ? defaults.Key : Parse(key), prompt.Key);
        Assert.Equal(mood ?? defaults.Mood, prompt.Mood);
        Assert.Equal(bars, prompt.Bars);
        Assert.Equal(hatRolls, prompt.HatRolls);
        Assert.Equal(text, prompt.Text);
    }

    [Theory]
    [InlineData("jazz, swing 60%", 0.6)]
    [InlineData("house, straight", 0)]
    [InlineData("lo-fi with shuffle", 0.5)]
    [InlineData("house 124", 0)]
    public void Reads_swing(string text, double swing) => Assert.Equal(swing, PromptParser.Parse(text).Swing, 1);

    [Theory]
    [InlineData("simple rock beat", 0.15)]
    [InlineData("busy funk with ghost notes", 0.85)]
    [InlineData("techno complexity 7", 0.7)]
    public void Reads_complexity(string text, double complexity) => Assert.Equal(complexity, PromptParser.Parse(text).Complexity, 3);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("make me something nice", "names a genre")]
    [InlineData("house 999 bpm", "out of range")]
    [InlineData("techno 0 bars", "out of range")]
    [InlineData("techno 100 bars", "out of range")]
    public void Rejects_bad_prompts_with_a_clear_message(string? text, string fragment)
    {
        var e = Assert.Throws<PromptException>(() => PromptParser.Parse(text));
        Assert.Contains(fragment, e.Message);
        Assert.False(PromptParser.TryParse(text, out _, out var error));
        Assert.Equal(e.Message, error);
    }

    [Fact]
    public void Rejects_a_prompt_that_is_too_long() =>
        Assert.Throws<PromptException>(() => PromptParser.Parse("house " + new string('x', PromptParser.MaxLength)));

    [Fact]
    public void A_lower_case_article_is_not_a_key() => Assert.Equal(GenreDefaults.For(Genre.House).Key, PromptParser.Parse("a deep house beat, am I right").Key);

    static MusicalKey Parse(string key) => MusicalKey.TryParse(key, out var k) ? k : throw new ArgumentException(key);
}
