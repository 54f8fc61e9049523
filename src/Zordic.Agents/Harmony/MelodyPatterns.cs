namespace Zordic.Agents.Harmony;

/// <summary>
/// The melody around a frame as a few exact patterns, relative to the key: which notes fall where in
/// the half bar, the beat and the bar, the pitch sets of the half bar and the bar, the notes either
/// side, the half bars before and after. Each pattern, hashed with a chord state, picks one weight, so
/// the harmonizer learns figures ("5-4-3-2 before the bar line") that its per-pitch features add up
/// without order: the capacity the model lacked even on its own training tunes (docs/experiments/harmonizer.md).
/// </summary>
internal static class MelodyPatterns
{
    public const int Count = 8;

    // A frame's symbol: the pitch class struck at its start (0–11, relative to the key), a held note, a rest, or outside the tune.
    const uint Held = 12, Rest = 13, Outside = 14;

    /// <summary>Writes the pattern hashes for frame <paramref name="t"/> in major tonic <paramref name="key"/>; returns how many.</summary>
    public static int Collect(MelodyFrames f, int key, int t, Span<uint> into)
    {
        var n = 0;
        var pos = f.Position[t];
        var meter = (uint)f.MeterGroup;
        var halfStart = t - pos % f.HalfFrames;
        var beatStart = t - pos % f.BeatFrames;
        var barStart = t - pos;
        var inHalf = (uint)(t - halfStart);
        // The first number of each hash names the pattern's kind (a salt, in the order the kinds were
        // added); changing one changes every hash and so the fitted weights.
        into[n++] = Sequence(f, key, 1, inHalf, halfStart, f.HalfFrames, 1, meter);
        into[n++] = Sequence(f, key, 2, (uint)(t - beatStart), beatStart, f.BeatFrames, 1, meter);
        into[n++] = Sequence(f, key, 6, (uint)(pos / f.BeatFrames), barStart, f.BarFrames, f.BeatFrames, meter);
        into[n++] = Sequence(f, key, 7, inHalf, halfStart - f.HalfFrames, f.HalfFrames, 1, meter);
        into[n++] = Sequence(f, key, 8, inHalf, halfStart + f.HalfFrames, f.HalfFrames, 1, meter);
        var whichHalf = (uint)(pos / f.HalfFrames * 16) + meter;
        into[n++] = Mix(Mix(3, SetOf(f.PitchWeights[2], key, t)), whichHalf);
        into[n++] = Mix(Mix(4, SetOf(f.PitchWeights[3], key, t)), whichHalf);
        into[n++] = Mix(Mix(Mix(Mix(5, Symbol(f, key, t - 1)), Symbol(f, key, t)), Symbol(f, key, t + 1)), (uint)f.Strength[t]);
        return n;
    }

    /// <summary>A 32-bit mixing step (boost-style combine, murmur finaliser): the same on every machine, unlike <see cref="HashCode"/>.</summary>
    public static uint Mix(uint h, uint v)
    {
        h ^= v + 0x9E3779B9u + (h << 6) + (h >> 2);
        h *= 0x85EBCA6Bu;
        return h ^ (h >> 13);
    }

    // The symbols of frames start, start + step, … (count frames in all), with where the frame sits and the metre.
    static uint Sequence(MelodyFrames f, int key, uint kind, uint at, int start, int count, int step, uint meter)
    {
        var h = Mix(kind, at);
        for (var i = start; i < start + count; i += step) h = Mix(h, Symbol(f, key, i));
        return Mix(h, meter);
    }

    static uint Symbol(MelodyFrames f, int key, int t)
    {
        if (t < 0 || t >= f.Count) return Outside;
        if (f.StruckPitchClass[t] >= 0) return (uint)((f.StruckPitchClass[t] - key + 12) % 12);
        return f.OnsetPitchClass[t] >= 0 ? Held : Rest;
    }

    // The pitch classes (relative to the key) sounding anywhere in a window, as a 12-bit set.
    static uint SetOf(float[] weights, int key, int t)
    {
        uint mask = 0;
        for (var pc = 0; pc < 12; pc++) if (weights[t * 12 + pc] > 0) mask |= 1u << ((pc - key + 12) % 12);
        return mask;
    }
}
