namespace Zordic.Agents.Parts;

/// <summary>
/// The agents' random numbers: xoshiro256** seeded through SplitMix64. Our own generator rather than
/// <see cref="System.Random"/> so that a seed gives the same music on every .NET version and platform.
/// One instance per generation; never shared.
/// </summary>
public sealed class SeededRandom
{
    ulong _s0, _s1, _s2, _s3;

    public SeededRandom(long seed)
    {
        var x = (ulong)seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    /// <summary>A generator for a named sub-task, so that adding draws in one part never shifts another part's music.</summary>
    public static SeededRandom For(long seed, string purpose)
    {
        var h = 14695981039346656037UL;
        foreach (var c in purpose) { h ^= c; h *= 1099511628211UL; }
        return new SeededRandom(seed ^ (long)h);
    }

    static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)(NextDouble() * n);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>An index drawn with probability proportional to its weight; negative weights count as zero.</summary>
    public int Choose(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights) if (w > 0) total += w;
        if (total <= 0) return Next(weights.Length);
        var r = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0) continue;
            r -= weights[i];
            if (r < 0) return i;
        }
        for (var i = weights.Length - 1; i >= 0; i--) if (weights[i] > 0) return i;
        return 0;
    }
}
