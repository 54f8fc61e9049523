using Zordic.Agents.Beat;
using Zordic.Agents.Composition;
using Zordic.Agents.Embeddings;
using Zordic.Agents.Harmony;
using Zordic.Agents.Prompting;
using Zordic.Agents.Visual;
using Zordic.Music.Theory;

namespace Zordic.Agents.Tests.Visual;

public sealed class VisualAndEmbeddingTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(127, 2.0)]
    [InlineData(64, 0.5 + 64 / 127.0 * 1.5)]
    [InlineData(-5, 0.5)]
    [InlineData(200, 2.0)]
    public void Velocity_maps_to_scale_as_the_seed_says(int velocity, double scale) => Assert.Equal(scale, VisualMappings.VelocityToScale(velocity), 12);

    [Theory]
    [InlineData(20, 0)]
    [InlineData(20_000, 360)]
    [InlineData(632.4555320336759, 180)] // the geometric middle of 20 Hz and 20 kHz
    [InlineData(10, 0)]
    [InlineData(40_000, 360)]
    [InlineData(0, 0)]
    public void Frequency_maps_to_hue_logarithmically(double frequency, double hue) => Assert.Equal(hue, VisualMappings.FrequencyToHue(frequency), 9);

    [Fact]
    public void Effects_follow_the_instrument_and_carry_the_mappings()
    {
        var kick = VisualEffects.Generate(new AudioEvent("kick", 127, 55, 0, 0.2));
        Assert.Equal(EffectType.Pulse, kick.Type);
        Assert.Equal(2.0, kick.Scale, 12);
        Assert.StartsWith("hsl(", kick.Color);
        Assert.Equal(EffectType.Flash, VisualEffects.EffectFor("snare"));
        Assert.Equal(EffectType.Ripple, VisualEffects.EffectFor("bass"));
        Assert.Equal(EffectType.Wave, VisualEffects.EffectFor("lead"));
    }

    [Fact]
    public void Embeddings_are_normalised_deterministic_and_put_like_near_like()
    {
        var house1 = BeatGenerator.Default.Generate(PromptParser.Parse("house 124"), 1);
        var house2 = BeatGenerator.Default.Generate(PromptParser.Parse("house 124"), 2);
        var jazz = BeatGenerator.Default.Generate(PromptParser.Parse("jazz"), 1);
        var a = PatternEmbeddings.Beat(house1);
        Assert.Equal(Embedding.Dimensions, a.Length);
        Assert.Equal(1, Math.Sqrt(a.Sum(x => (double)x * x)), 5);
        Assert.Equal(a, PatternEmbeddings.Beat(house1));
        Assert.True(Embedding.Similarity(a, PatternEmbeddings.Beat(house2)) > Embedding.Similarity(a, PatternEmbeddings.Beat(jazz)));

        var composition = Composer.Default.Compose(PromptParser.Parse("lo-fi in A minor"), 3);
        var melody = composition.Melody.Tracks[0].Notes;
        var up = melody.Select(n => n with { Pitch = n.Pitch + 2 }).ToList();
        var m = PatternEmbeddings.Melody(melody, composition.Melody.Key, 4);
        Assert.Equal(m, PatternEmbeddings.Melody(up, new MusicalKey(PitchClass.B, Mode.Minor), 4));
        var p = PatternEmbeddings.Progression(composition.Harmony.Chords, composition.Melody.Key);
        Assert.Equal(Embedding.Dimensions, p.Length);
        Assert.Equal(1, Math.Sqrt(p.Sum(x => (double)x * x)), 5);
        var e = PatternEmbeddings.AudioEvent(new AudioEvent("kick", 100, 60, 0, 0.1));
        Assert.Equal(1, Math.Sqrt(e.Sum(x => (double)x * x)), 5);
        Assert.True(Embedding.Similarity(e, PatternEmbeddings.AudioEvent(new AudioEvent("kick", 110, 62, 1, 0.1)))
            > Embedding.Similarity(e, PatternEmbeddings.AudioEvent(new AudioEvent("lead", 100, 880, 0, 0.1))));
    }
}
