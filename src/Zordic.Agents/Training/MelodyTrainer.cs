using Zordic.Agents.Melody;

namespace Zordic.Agents.Training;

/// <summary>Fits the <see cref="MelodyModel"/> on the Nottingham <c>train</c> melodies.</summary>
public static class MelodyTrainer
{
    /// <summary>Trigram contexts seen fewer times than this are dropped (they fall back to the bigram), keeping the file small.</summary>
    public const int MinTrigramCount = 2;
    public const int RhythmsKept = 64;

    public static MelodyModel Train(IReadOnlyList<FolkTune> tunes)
    {
        var unigram = new int[PitchSequenceModel.Symbols];
        var bigrams = new Dictionary<int, Dictionary<int, int>>();
        var trigrams = new Dictionary<int, Dictionary<int, int>>();
        var rhythms = new Dictionary<ushort, int>();
        foreach (var tune in tunes)
        {
            var key = HarmonizerTrainer.MajorTonic(tune.Key);
            var symbols = tune.Melody.Select(n => PitchSequenceModel.Symbol(n.Pitch - key)).ToArray();
            for (var i = 0; i < symbols.Length; i++)
            {
                unigram[symbols[i]]++;
                if (i >= 1) Add(bigrams, symbols[i - 1], symbols[i]);
                if (i >= 2) Add(trigrams, PitchSequenceModel.TrigramContext(symbols[i - 2], symbols[i - 1]), symbols[i]);
            }
            if (tune.TimeSignature is { Numerator: 4, Denominator: 4 }) CountRhythms(tune, rhythms);
        }
        var pruned = new Dictionary<int, Dictionary<int, int>>();
        foreach (var (context, next) in trigrams)
        {
            var kept = next.Where(kv => kv.Value >= MinTrigramCount).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (kept.Count > 0) pruned[context] = kept;
        }
        var library = rhythms.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(RhythmsKept)
            .Select(kv => new BarRhythm(kv.Key, kv.Value)).ToList();
        return new MelodyModel(new PitchSequenceModel(unigram, bigrams, pruned), library);
    }

    static void Add(Dictionary<int, Dictionary<int, int>> table, int context, int next)
    {
        if (!table.TryGetValue(context, out var row)) table[context] = row = [];
        row[next] = row.GetValueOrDefault(next) + 1;
    }

    // Onsets of each full bar on the 16th grid; bars with off-grid notes (triplets) are skipped.
    static void CountRhythms(FolkTune tune, Dictionary<ushort, int> rhythms)
    {
        var bars = new Dictionary<long, int>();
        var offGrid = new HashSet<long>();
        foreach (var n in tune.Melody)
        {
            var bar = n.StartTick / 1920;
            if (n.StartTick % 120 != 0) { offGrid.Add(bar); continue; }
            bars[bar] = bars.GetValueOrDefault(bar) | 1 << (int)(n.StartTick % 1920 / 120);
        }
        foreach (var (bar, mask) in bars)
            if (!offGrid.Contains(bar) && (mask & 1) != 0) rhythms[(ushort)mask] = rhythms.GetValueOrDefault((ushort)mask) + 1;
    }
}
