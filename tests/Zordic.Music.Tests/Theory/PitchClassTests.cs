using CsCheck;
using Zordic.Music.Theory;

namespace Zordic.Music.Tests.Theory;

public sealed class PitchClassTests
{
    static readonly Dictionary<char, int> Letters = new() { ['C'] = 0, ['D'] = 2, ['E'] = 4, ['F'] = 5, ['G'] = 7, ['A'] = 9, ['B'] = 11 };

    [Fact]
    public void Every_name_in_sharps_or_flats_reads_back_to_its_pitch_class()
    {
        foreach (var pc in Enum.GetValues<PitchClass>())
        {
            foreach (var flats in new[] { false, true })
            {
                Assert.True(PitchClassNames.TryParse(pc.Name(flats), out var parsed), pc.Name(flats));
                Assert.Equal(pc, parsed);
            }
        }
    }

    [Fact]
    public void White_keys_are_a_letter_and_black_keys_the_letter_below_sharpened_or_the_letter_above_flattened()
    {
        foreach (var pc in Enum.GetValues<PitchClass>())
        {
            var (sharp, flat) = (pc.Name(), pc.Name(preferFlats: true));
            if (sharp.Length == 1)
            {
                Assert.Equal((int)pc, Letters[sharp[0]]);
                Assert.Equal(sharp, flat);
                continue;
            }
            Assert.Equal((((int)pc + 11) % 12, '#'), (Letters[sharp[0]], sharp[1]));
            Assert.Equal((((int)pc + 1) % 12, 'b'), (Letters[flat[0]], flat[1]));
        }
        Assert.Equal(7, Enum.GetValues<PitchClass>().Count(pc => pc.Name().Length == 1));
    }

    /// <summary>Any letter in either case with up to two accidentals (ASCII or Unicode) is the letter moved by them.</summary>
    [Fact]
    public void A_letter_with_accidentals_is_the_letter_moved_by_a_semitone_each() =>
        Gen.Select(Gen.OneOf('C', 'D', 'E', 'F', 'G', 'A', 'B'), Gen.Bool, Gen.OneOf('#', '♯', 'b', '♭').Array[0, 2], Gen.Int[0, 2])
            .Sample((letter, lower, accidentals, padding) =>
            {
                var text = new string(' ', padding) + (lower ? char.ToLowerInvariant(letter) : letter) + new string(accidentals) + new string(' ', padding);
                var semitones = accidentals.Sum(a => a is '#' or '♯' ? 1 : -1);
                return PitchClassNames.TryParse(text, out var pc) && (int)pc == ((Letters[letter] + semitones) % 12 + 12) % 12;
            });

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("H")]
    [InlineData("#")]
    [InlineData("#C")]
    [InlineData("Cm")]
    [InlineData("C#x")]
    [InlineData("C###")]
    [InlineData("Cbbb")]
    [InlineData("C #")]
    [InlineData("do")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(PitchClassNames.TryParse(text, out var pc));
        Assert.Equal(default, pc);
    }

    [Fact]
    public void A_MIDI_note_number_gives_its_pitch_class_every_octave_down_to_negative_numbers() =>
        Gen.Int[-1000, 1000].Sample(pitch =>
        {
            var pc = (int)PitchClassNames.OfMidi(pitch);
            return pc is >= 0 and < 12 && (pitch - pc) % 12 == 0 && PitchClassNames.OfMidi(pitch + 12) == (PitchClass)pc;
        });

    [Theory]
    [InlineData(60, PitchClass.C)]
    [InlineData(69, PitchClass.A)]
    [InlineData(0, PitchClass.C)]
    [InlineData(127, PitchClass.G)]
    [InlineData(-1, PitchClass.B)]
    public void Note_numbers_give_their_pitch_class_middle_C_and_A_440_among_them(int pitch, PitchClass expected) => Assert.Equal(expected, PitchClassNames.OfMidi(pitch));
}
