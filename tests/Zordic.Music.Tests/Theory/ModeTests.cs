using Zordic.Music.Theory;

namespace Zordic.Music.Tests.Theory;

public sealed class ModeTests
{
    static readonly int[] MajorScale = [0, 2, 4, 5, 7, 9, 11];

    /// <summary>Each mode is the major scale started on another degree: Dorian on the second, Aeolian on the sixth …</summary>
    [Theory]
    [InlineData(Mode.Major, 0)]
    [InlineData(Mode.Dorian, 1)]
    [InlineData(Mode.Phrygian, 2)]
    [InlineData(Mode.Lydian, 3)]
    [InlineData(Mode.Mixolydian, 4)]
    [InlineData(Mode.Minor, 5)]
    [InlineData(Mode.Locrian, 6)]
    public void A_mode_is_the_major_scale_from_one_of_its_degrees(Mode mode, int degree)
    {
        var rotated = Enumerable.Range(0, 7).Select(i => (MajorScale[(i + degree) % 7] - MajorScale[degree] + 12) % 12);
        Assert.Equal(rotated, mode.Intervals().ToArray());
    }

    [Fact]
    public void Every_name_is_lower_case_and_reads_back_in_any_case()
    {
        foreach (var mode in Enum.GetValues<Mode>())
        {
            var name = mode.Name();
            Assert.Equal(mode.ToString().ToLowerInvariant(), name);
            foreach (var spelling in new[] { name, name.ToUpperInvariant(), $"  {char.ToUpperInvariant(name[0])}{name[1..]} " })
            {
                Assert.True(Modes.TryParse(spelling, out var parsed), spelling);
                Assert.Equal(mode, parsed);
            }
        }
    }

    [Theory]
    [InlineData("ionian", Mode.Major)]
    [InlineData("Aeolian", Mode.Minor)]
    public void The_church_names_of_major_and_minor_are_understood(string text, Mode expected)
    {
        Assert.True(Modes.TryParse(text, out var mode));
        Assert.Equal(expected, mode);
    }

    // "maj", "min" and a trailing "m" are short forms of a key ("Am"), not names of a mode.
    [Theory]
    [InlineData("")]
    [InlineData("maj")]
    [InlineData("min")]
    [InlineData("m")]
    [InlineData("blues")]
    [InlineData("minor key")]
    [InlineData("mixo")]
    public void Anything_else_is_refused(string text) => Assert.False(Modes.TryParse(text, out _));
}
