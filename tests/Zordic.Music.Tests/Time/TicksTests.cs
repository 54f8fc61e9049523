using CsCheck;
using Zordic.Music.Time;

namespace Zordic.Music.Tests.Time;

public sealed class TicksTests
{
    [Fact]
    public void A_sixteenth_is_a_quarter_of_a_quarter_note() => Assert.Equal(Ticks.PerQuarter, 4 * Ticks.PerSixteenth);

    [Theory]
    [InlineData(480, 60, 1.0)]
    [InlineData(480, 120, 0.5)]
    [InlineData(1920, 120, 2.0)]
    [InlineData(120, 90, 1 / 6.0)]
    [InlineData(0, 85, 0.0)]
    public void A_quarter_note_of_480_ticks_lasts_60_over_the_bpm_seconds(long ticks, double bpm, double seconds) =>
        Assert.Equal(seconds, Ticks.ToSeconds(ticks, bpm), 12);

    [Fact]
    public void Seconds_add_up_with_ticks_and_halve_when_the_tempo_doubles() =>
        Gen.Select(Gen.Long[0, 100_000_000], Gen.Long[0, 100_000_000], Gen.Double[20, 300]).Sample((a, b, bpm) =>
            Close(Ticks.ToSeconds(a + b, bpm), Ticks.ToSeconds(a, bpm) + Ticks.ToSeconds(b, bpm))
            && Close(Ticks.ToSeconds(a, 2 * bpm), Ticks.ToSeconds(a, bpm) / 2));

    static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));

    [Fact]
    public void At_480_per_quarter_ticks_are_kept_as_they_are() =>
        Gen.Long[-1_000_000_000_000, 1_000_000_000_000].Sample(ticks => Ticks.FromResolution(ticks, Ticks.PerQuarter) == ticks);

    /// <summary>Any resolution a MIDI file may have (1 to 32767 per quarter): whole quarters convert exactly, the rest to the nearest tick.</summary>
    [Fact]
    public void Other_resolutions_round_to_the_nearest_tick_and_keep_the_order() =>
        Gen.Select(Gen.Int[1, 32767], Gen.Long[0, 100_000_000], Gen.Long[0, 100_000_000]).Sample((resolution, a, b) =>
        {
            var (low, high) = (Math.Min(a, b), Math.Max(a, b));
            var exact = (decimal)low * Ticks.PerQuarter / resolution;
            return Math.Abs(Ticks.FromResolution(low, resolution) - exact) <= 0.5m
                && Ticks.FromResolution(low, resolution) <= Ticks.FromResolution(high, resolution)
                && Ticks.FromResolution(low * resolution, resolution) == low * Ticks.PerQuarter;
        });

    [Theory]
    [InlineData(96, 96, 480)]
    [InlineData(1, 960, 1)]
    [InlineData(3, 960, 2)]
    [InlineData(-1, 960, -1)]
    [InlineData(1, 1920, 0)]
    [InlineData(1000, 384, 1250)]
    public void Ticks_round_to_the_nearest_and_halves_away_from_zero(long ticks, int resolution, long expected) =>
        Assert.Equal(expected, Ticks.FromResolution(ticks, resolution));
}
