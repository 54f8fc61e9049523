namespace Zordic.Music.Document;

/// <summary>
/// Order keys for lists edited concurrently (tracks). A key is a base-62 fraction written as a string
/// ("V" = 31/62); strings compare ordinally exactly as the fractions do, so a key can always be made
/// between two others without renumbering anything. Keys never end in '0', which keeps each fraction's
/// spelling unique and leaves room below every key.
/// </summary>
public static class FractionalIndex
{
    const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>True when <paramref name="key"/> is a non-empty base-62 fraction without a trailing '0'.</summary>
    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > DocumentLimits.MaxOrderLength || key[^1] == '0') return false;
        foreach (var c in key)
        {
            if (DigitOf(c) < 0) return false;
        }
        return true;
    }

    /// <summary>A key strictly between <paramref name="before"/> and <paramref name="after"/>; null means the start or end of the list.</summary>
    public static string Between(string? before, string? after)
    {
        before ??= "";
        if (before.Length > 0 && !IsValid(before)) throw new ArgumentException($"'{before}' is not an order key.", nameof(before));
        if (after is not null && !IsValid(after)) throw new ArgumentException($"'{after}' is not an order key.", nameof(after));
        if (after is not null && string.CompareOrdinal(before, after) >= 0)
            throw new ArgumentException($"order key '{before}' must sort before '{after}'.", nameof(before));
        return Midpoint(before, after);
    }

    /// <summary><paramref name="count"/> ascending keys between two neighbours, spread so that they stay short.</summary>
    public static IReadOnlyList<string> Spread(string? before, string? after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var keys = new List<string>(count);
        Fill(before, after, count, keys);
        return keys;

        static void Fill(string? lo, string? hi, int n, List<string> into)
        {
            if (n == 0) return;
            var mid = Between(lo, hi);
            var left = (n - 1) / 2;
            Fill(lo, mid, left, into);
            into.Add(mid);
            Fill(mid, hi, n - 1 - left, into);
        }
    }

    static string Midpoint(string a, string? b)
    {
        if (b is not null)
        {
            // Keep the common prefix (a padded with zeros) and find the midpoint of what follows.
            var n = 0;
            while (n < b.Length && (n < a.Length ? a[n] : '0') == b[n]) n++;
            if (n > 0) return string.Concat(b.AsSpan(0, n), Midpoint(n < a.Length ? a[n..] : "", b[n..]));
        }
        var digitA = a.Length > 0 ? DigitOf(a[0]) : 0;
        var digitB = b is not null ? DigitOf(b[0]) : Digits.Length;
        if (digitB - digitA > 1) return Digits[(digitA + digitB + 1) / 2].ToString();
        // Neighbouring first digits: b's first digit alone lies between when b goes on; otherwise descend into a.
        if (b is not null && b.Length > 1) return b[..1];
        return string.Concat(Digits.AsSpan(digitA, 1), Midpoint(a.Length > 1 ? a[1..] : "", null));
    }

    static int DigitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        >= 'a' and <= 'z' => c - 'a' + 36,
        _ => -1,
    };
}
