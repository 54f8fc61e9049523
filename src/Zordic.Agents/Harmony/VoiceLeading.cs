namespace Zordic.Agents.Harmony;

/// <summary>
/// Voices chords in a keyboard register so that each moves as little as possible from the one before
/// (every inversion and octave is tried; the least total motion wins, ties to the lower voicing).
/// </summary>
public static class VoiceLeading
{
    public const int Low = 52, High = 79;

    public static int[] Voice(Chord chord, int[]? previous)
    {
        var intervals = chord.Intervals();
        // A five-note ninth chord is heavy in one hand: leave out its fifth.
        if (intervals.Length == 5) intervals = intervals.Where((_, i) => i != 2).ToArray();
        // Close position: the pitch classes in circular order, each inversion a rotation of them.
        var tones = intervals.Select(i => ((int)chord.Root + i) % 12).Distinct().Order().ToArray();
        int[]? best = null;
        var bestCost = int.MaxValue;
        for (var inversion = 0; inversion < tones.Length; inversion++)
        {
            for (var bass = Low; bass < Low + 12; bass++)
            {
                if (bass % 12 != tones[inversion]) continue;
                var voicing = new int[tones.Length];
                voicing[0] = bass;
                for (var i = 1; i < tones.Length; i++)
                {
                    var pc = tones[(inversion + i) % tones.Length];
                    var p = voicing[i - 1] + 1;
                    while (p % 12 != pc) p++;
                    voicing[i] = p;
                }
                if (voicing[^1] > High) continue;
                var cost = previous is null ? Math.Abs(voicing[0] + voicing[^1] - 2 * 62) : Motion(previous, voicing);
                if (cost < bestCost) { bestCost = cost; best = voicing; }
            }
        }
        return best ?? tones.Select(t => 60 + t).Order().ToArray();
    }

    // Total semitones moved, pairing voices from the bottom (and unmatched voices to the nearest old one).
    static int Motion(int[] from, int[] to)
    {
        var cost = 0;
        for (var i = 0; i < to.Length; i++)
        {
            var nearest = int.MaxValue;
            foreach (var f in from) nearest = Math.Min(nearest, Math.Abs(f - to[i]));
            cost += i < from.Length ? Math.Min(Math.Abs(from[i] - to[i]), nearest + 1) : nearest;
        }
        return cost;
    }
}
