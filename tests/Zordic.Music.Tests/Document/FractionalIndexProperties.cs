using CsCheck;
using Zordic.Music.Document;

namespace Zordic.Music.Tests.Document;

public sealed class FractionalIndexProperties
{
    [Fact]
    public void A_key_made_between_two_keys_sorts_strictly_between_them() =>
        Gen.Int[0, 3].Array[1, 40].Sample(moves =>
        {
            // Build a list by inserting at the front, back or between neighbours, then check it stays sorted.
            var keys = new List<string> { FractionalIndex.Between(null, null) };
            foreach (var move in moves)
            {
                var at = move switch { 0 => 0, 1 => keys.Count, _ => (move * 7919) % (keys.Count + 1) };
                var key = FractionalIndex.Between(at > 0 ? keys[at - 1] : null, at < keys.Count ? keys[at] : null);
                if (!FractionalIndex.IsValid(key)) return false;
                keys.Insert(at, key);
            }
            return keys.Zip(keys.Skip(1)).All(p => string.CompareOrdinal(p.First, p.Second) < 0);
        }, iter: 1000);

    [Fact]
    public void Spread_gives_ascending_short_keys()
    {
        var keys = FractionalIndex.Spread(null, null, 5000);
        Assert.Equal(5000, keys.Count);
        Assert.True(keys.Zip(keys.Skip(1)).All(p => string.CompareOrdinal(p.First, p.Second) < 0));
        Assert.True(keys.Max(k => k.Length) <= 4);
    }

    [Theory]
    [InlineData("b", "a")]
    [InlineData("a", "a")]
    [InlineData("a0", null)]
    [InlineData("a!", null)]
    public void Bad_neighbours_are_refused(string before, string? after) =>
        Assert.Throws<ArgumentException>(() => FractionalIndex.Between(before, after));
}
