namespace Zordic.Agents.Melody;

/// <summary>
/// An interpolated trigram model (Witten–Bell) over pitches relative to the key's major tonic, so that
/// a tune in D and one in G teach the same scale degrees. Counts only; probabilities are computed on demand.
/// </summary>
public sealed class PitchSequenceModel
{
    /// <summary>Relative pitches are pitch − major tonic, from −11 to 127; symbols shift them to 0…138.</summary>
    public const int Offset = 12;
    public const int Symbols = 140;

    readonly int[] _unigram;
    readonly int _total;
    readonly Dictionary<int, Context> _bigrams;
    readonly Dictionary<int, Context> _trigrams;

    internal sealed class Context(Dictionary<int, int> next)
    {
        public Dictionary<int, int> Next { get; } = next;
        public int Total { get; } = next.Values.Sum();
        public int Types => Next.Count;
    }

    internal PitchSequenceModel(int[] unigram, Dictionary<int, Dictionary<int, int>> bigrams, Dictionary<int, Dictionary<int, int>> trigrams)
    {
        _unigram = unigram;
        _total = unigram.Sum();
        _bigrams = bigrams.ToDictionary(kv => kv.Key, kv => new Context(kv.Value));
        _trigrams = trigrams.ToDictionary(kv => kv.Key, kv => new Context(kv.Value));
    }

    internal int[] Unigram => _unigram;
    internal IEnumerable<(int Context, IReadOnlyDictionary<int, int> Next)> Bigrams => _bigrams.Select(kv => (kv.Key, (IReadOnlyDictionary<int, int>)kv.Value.Next));
    internal IEnumerable<(int Context, IReadOnlyDictionary<int, int> Next)> Trigrams => _trigrams.Select(kv => (kv.Key, (IReadOnlyDictionary<int, int>)kv.Value.Next));

    public static int Symbol(int relativePitch) => Math.Clamp(relativePitch + Offset, 0, Symbols - 1);

    public static int TrigramContext(int a, int b) => a * Symbols + b;

    /// <summary>P(next | the two relative pitches before it); −1 for a missing one (the start of a tune).</summary>
    public double Probability(int previous2, int previous1, int next)
    {
        var n = Symbol(next);
        var p = (_unigram[n] + 1.0) / (_total + Symbols);
        if (previous1 < -Offset) return p;
        var b = Symbol(previous1);
        if (_bigrams.TryGetValue(b, out var bc)) p = (bc.Next.GetValueOrDefault(n) + bc.Types * p) / (bc.Total + bc.Types);
        if (previous2 < -Offset) return p;
        if (_trigrams.TryGetValue(TrigramContext(Symbol(previous2), b), out var tc)) p = (tc.Next.GetValueOrDefault(n) + tc.Types * p) / (tc.Total + tc.Types);
        return p;
    }
}
