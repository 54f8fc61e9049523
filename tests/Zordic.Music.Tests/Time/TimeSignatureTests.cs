using CsCheck;
using Zordic.Music.Time;

namespace Zordic.Music.Tests.Time;

public sealed class TimeSignatureTests
{
    static readonly Gen<TimeSignature> Valid = Gen.Select(Gen.Int[1, 32], Gen.Int[0, 5], (beats, power) => new TimeSignature(beats, 1 << power));

    [Theory]
    [InlineData(4, 4, 1920)]
    [InlineData(3, 4, 1440)]
    [InlineData(6, 8, 1440)]
    [InlineData(7, 8, 1680)]
    [InlineData(2, 2, 1920)]
    [InlineData(12, 8, 2880)]
    [InlineData(5, 4, 2400)]
    [InlineData(1, 32, 60)]
    [InlineData(32, 1, 61440)]
    public void A_bar_is_its_beats_of_a_whole_note_divided_by_the_denominator(int numerator, int denominator, long ticks) =>
        Assert.Equal(ticks, new TimeSignature(numerator, denominator).TicksPerBar);

    /// <summary>Every valid signature's bar is a whole number of ticks: 480 per quarter divides by every note value down to a 32nd.</summary>
    [Fact]
    public void Every_valid_bar_is_a_whole_number_of_ticks() =>
        Valid.Sample(signature =>
            signature.IsValid
            && signature.TicksPerBar * signature.Denominator == 4L * Ticks.PerQuarter * signature.Numerator
            && 4 * Ticks.PerQuarter % signature.Denominator == 0);

    [Fact]
    public void Common_time_is_four_quarters_and_lasts_two_seconds_at_120_bpm()
    {
        Assert.Equal(new TimeSignature(4, 4), TimeSignature.Common);
        Assert.Equal(2.0, Ticks.ToSeconds(TimeSignature.Common.TicksPerBar, 120), 12);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(33, 4)]
    [InlineData(-3, 4)]
    [InlineData(4, 0)]
    [InlineData(4, 3)]
    [InlineData(4, 6)]
    [InlineData(4, 64)]
    [InlineData(4, -4)]
    public void Beats_outside_1_to_32_or_a_note_value_that_is_not_a_power_of_two_up_to_32_are_invalid(int numerator, int denominator) =>
        Assert.False(new TimeSignature(numerator, denominator).IsValid);

    [Fact]
    public void Exactly_the_power_of_two_denominators_up_to_32_are_valid()
    {
        var valid = Enumerable.Range(-64, 200).Where(d => new TimeSignature(4, d).IsValid);
        Assert.Equal([1, 2, 4, 8, 16, 32], valid);
    }

    [Theory]
    [InlineData(6, 8, "6/8")]
    [InlineData(4, 4, "4/4")]
    [InlineData(12, 16, "12/16")]
    public void A_signature_prints_as_numerator_slash_denominator(int numerator, int denominator, string expected) =>
        Assert.Equal(expected, new TimeSignature(numerator, denominator).ToString());
}
