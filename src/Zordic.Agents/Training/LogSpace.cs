namespace Zordic.Agents.Training;

/// <summary>
/// exp and log for the harmonizer's training, from additions and multiplications only. The platform's
/// <see cref="Math.Exp"/> is the C library's, whose last bit may differ between library builds and CPU
/// paths; the committed weights must come out byte for byte the same wherever <c>./zordic train</c> runs.
/// Accurate to about 1e-8 relative: enough for sums of float scores, and far below the five significant
/// digits the weights are stored with.
/// </summary>
internal static class LogSpace
{
    const double Ln2Hi = 0.693147180369123816490, Ln2Lo = 1.90821492927058770002e-10, Log2E = 1.4426950408889634;

    public static double Exp(double x)
    {
        if (double.IsNegativeInfinity(x) || x < -708) return 0;
        if (x > 709) return double.PositiveInfinity;
        var k = Math.Round(x * Log2E);
        var r = x - k * Ln2Hi - k * Ln2Lo; // |r| ≤ ln 2 / 2
        // Taylor series to r⁸/8!: the next term is below 2e-9 for |r| ≤ 0.35.
        var p = 1.0 / 40320;
        p = p * r + 1.0 / 5040;
        p = p * r + 1.0 / 720;
        p = p * r + 1.0 / 120;
        p = p * r + 1.0 / 24;
        p = p * r + 1.0 / 6;
        p = p * r + 0.5;
        p = p * r + 1;
        p = p * r + 1;
        return p * BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
    }

    public static double Log(double x)
    {
        if (x <= 0) return double.NegativeInfinity;
        var bits = BitConverter.DoubleToInt64Bits(x);
        var e = (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // [1, 2)
        if (m > 1.4142135623730951) { m /= 2; e++; }
        // ln m = 2 atanh s, s = (m − 1)/(m + 1), |s| ≤ 0.172: the series to s¹³ leaves less than 1e-11.
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var sum = 1.0 / 13;
        for (var n = 11; n >= 1; n -= 2) sum = sum * s2 + 1.0 / n;
        return 2 * s * sum + e * Ln2Hi + e * Ln2Lo;
    }

    public static float SumExp(ReadOnlySpan<float> xs)
    {
        var max = float.NegativeInfinity;
        foreach (var x in xs) if (x > max) max = x;
        if (float.IsNegativeInfinity(max)) return max;
        double sum = 0;
        // Terms e⁻³⁰ below the largest cannot change a float sum.
        foreach (var x in xs) if (x - max > -30) sum += Exp(x - max);
        return (float)(max + Log(sum));
    }

    public static float Add(float a, float b)
    {
        if (a < b) (a, b) = (b, a);
        if (float.IsNegativeInfinity(b) || b - a < -30) return a;
        return (float)(a + Log(1 + Exp(b - a)));
    }
}
