using Zordic.Agents.Beat;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Agents.Training;

namespace Zordic.Bench.Agents;

/// <summary>
/// Beats measured against real grooves (Groove MIDI Dataset, 4/4 beats):
/// <list type="bullet">
/// <item>a frozen k-NN style classifier (k = 5, Hamming distance between 16-step bar grids of the nine
/// drum classes) fitted on <c>train</c> bars; per Groove style, the share of generated bars it labels with
/// that style, next to the share of real <c>validation</c> bars it labels right (macro-averaged over styles);</item>
/// <item>per bar feature (onset density of kick, snare, hats+ride, toms, crash; syncopation; micro-timing
/// spread in ms; velocity spread) Yang &amp; Lerch's overlapping area between the intra-set distance
/// distribution of real validation bars and the inter-set distances generated↔validation, next to the same
/// for real train↔validation; averaged over features and styles;</item>
/// <item>distinct step grids among 100 seeds of one prompt (the lowest over several prompts).</item>
/// </list>
/// </summary>
public static class BeatEvaluation
{
    public sealed record Result(double StyleRecognition, double RealStyleRecognition, double FeatureOverlap, double RealFeatureOverlap, int DistinctPer100,
        IReadOnlyDictionary<string, (double Generated, double Real)> PerStyle, IReadOnlyDictionary<string, int> DistinctByPrompt,
        IReadOnlyDictionary<string, (double Generated, double Real)> PerFeature);

    const int K = 5;
    const int MinTrainFiles = 5;
    static readonly string[] FeatureNames = ["kick density", "snare density", "hat density", "tom density", "crash density", "syncopation", "timing spread ms", "velocity spread"];

    sealed record LabeledBar(DrumBar Bar, string Style);

    public static Result Run(BeatGenerator generator, IReadOnlyList<GroovePerformance> grooves, int beatsPerStyle, int maxPairs, Action<string> progress)
    {
        var beats = grooves.Where(g => !g.IsFill).ToList();
        var labels = beats.Where(g => g.Split == "train").GroupBy(g => g.Style).Where(g => g.Count() >= MinTrainFiles).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var trainBars = new List<LabeledBar>();
        var trainFeatures = new Dictionary<string, List<double[]>>();
        var validationBars = new Dictionary<string, List<DrumBar>>();
        var validationFeatures = new Dictionary<string, List<double[]>>();
        foreach (var g in beats.Where(g => labels.Contains(g.Style)))
        {
            var bars = BarsWithFeatures(g);
            if (g.Split == "train")
            {
                trainBars.AddRange(bars.Select(b => new LabeledBar(b.Bar, g.Style)));
                Add(trainFeatures, g.Style, bars.Select(b => b.Features));
            }
            else
            {
                Add(validationBars, g.Style, bars.Select(b => b.Bar));
                Add(validationFeatures, g.Style, bars.Select(b => b.Features));
            }
        }
        var styles = validationBars.Keys.Where(s => GenreOf(s) is not null).Order(StringComparer.Ordinal).ToList();
        progress($"k-NN on {trainBars.Count} train bars of {labels.Count} styles; evaluated styles: {string.Join(", ", styles)}");

        var perStyle = new SortedDictionary<string, (double, double)>(StringComparer.Ordinal);
        var overlapGenerated = new List<double>();
        var overlapReal = new List<double>();
        var perFeatureGenerated = new double[FeatureNames.Length];
        var perFeatureReal = new double[FeatureNames.Length];
        foreach (var style in styles)
        {
            var real = validationBars[style];
            var realRate = real.Count(b => Classify(trainBars, b) == style) / (double)real.Count;
            var prompt = MusicPrompt.ForGenre(GenreOf(style)!.Value) with { Bpm = generator.ModelBpm(style) };
            var generatedBars = new List<DrumBar>();
            var generatedFeatures = new List<double[]>();
            for (var seed = 0; seed < beatsPerStyle; seed++)
            {
                var beat = generator.Generate(prompt, seed);
                generatedBars.AddRange(beat.Bars.Select(b => b.Learned));
                generatedFeatures.AddRange(Features(beat));
            }
            var generatedRate = generatedBars.Count(b => Classify(trainBars, b) == style) / (double)generatedBars.Count;
            perStyle[style] = (generatedRate, realRate);
            for (var f = 0; f < FeatureNames.Length; f++)
            {
                var v = validationFeatures[style].Select(x => x[f]).ToArray();
                var g = generatedFeatures.Select(x => x[f]).ToArray();
                var t = trainFeatures[style].Select(x => x[f]).ToArray();
                var intra = Distances(v, v, maxPairs, intra: true);
                var oaGenerated = OverlappingArea(intra, Distances(g, v, maxPairs, intra: false));
                var oaReal = OverlappingArea(intra, Distances(t, v, maxPairs, intra: false));
                overlapGenerated.Add(oaGenerated);
                overlapReal.Add(oaReal);
                perFeatureGenerated[f] += oaGenerated / styles.Count;
                perFeatureReal[f] += oaReal / styles.Count;
            }
            progress($"  {style}: recognised generated {generatedRate:0.000} vs real validation {realRate:0.000} ({real.Count} validation bars)");
        }

        var distinct = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in new[] { "lo-fi beat, 85 bpm, A minor, laid back", "four on the floor house 124", "trap 140 with rolling hats", "funk groove", "boom bap 90", "drum and bass 174", "reggaeton", "afrobeat", "techno", "rock" })
        {
            var prompt = PromptParser.Parse(text);
            distinct[text] = Enumerable.Range(0, 100).Select(seed => Grid(generator.Generate(prompt, seed))).Distinct().Count();
        }
        var features = Enumerable.Range(0, FeatureNames.Length).ToDictionary(f => FeatureNames[f], f => (perFeatureGenerated[f], perFeatureReal[f]));
        return new Result(perStyle.Values.Average(v => v.Item1), perStyle.Values.Average(v => v.Item2), overlapGenerated.Average(), overlapReal.Average(),
            distinct.Values.Min(), perStyle, distinct, features);
    }

    /// <summary>A beat's step grid (all voices, all bars) plus its note count (rolls add notes off the grid).</summary>
    public static string Grid(DrumBeat beat) => string.Join("|", beat.Bars.Select(b =>
        string.Join(",", Enumerable.Range(0, DrumVoices.Count).Select(v => b[(DrumVoice)v])))) + "|" + beat.Sketch.Tracks[0].Notes.Count;

    static Genre? GenreOf(string style) => Genres.All.Where(g => DrumIdiom.For(g) is null).Cast<Genre?>().FirstOrDefault(g => BeatGenerator.LearnedStyle(g!.Value) == style);

    static void Add<T>(Dictionary<string, List<T>> map, string key, IEnumerable<T> values)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.AddRange(values);
    }

    static string Classify(List<LabeledBar> train, DrumBar bar)
    {
        Span<int> bestDistance = stackalloc int[K];
        var bestIndex = new int[K];
        bestDistance.Fill(int.MaxValue);
        for (var i = 0; i < train.Count; i++)
        {
            var d = train[i].Bar.Distance(bar);
            if (d >= bestDistance[K - 1]) continue;
            var j = K - 1;
            while (j > 0 && bestDistance[j - 1] > d) { bestDistance[j] = bestDistance[j - 1]; bestIndex[j] = bestIndex[j - 1]; j--; }
            bestDistance[j] = d;
            bestIndex[j] = i;
        }
        // Majority of the k nearest; ties go to the nearest neighbour's style among the tied.
        var votes = new Dictionary<string, int>();
        for (var j = 0; j < K; j++) votes[train[bestIndex[j]].Style] = votes.GetValueOrDefault(train[bestIndex[j]].Style) + 1;
        var top = votes.Values.Max();
        for (var j = 0; j < K; j++) if (votes[train[bestIndex[j]].Style] == top) return train[bestIndex[j]].Style;
        return train[bestIndex[0]].Style;
    }

    readonly record struct Hit(int Bar, int Step, DrumVoice Voice, int Velocity, double OffsetMs);

    static List<(DrumBar Bar, double[] Features)> BarsWithFeatures(GroovePerformance performance)
    {
        var msPerTick = 60_000.0 / (performance.Bpm * 480);
        var hits = BeatTrainer.Quantize(performance).Select(h => new Hit(h.Bar, h.Step, h.Voice, h.Velocity, h.Offset * msPerTick)).ToList();
        return BarFeatures(hits);
    }

    static IEnumerable<double[]> Features(DrumBeat beat)
    {
        var msPerTick = 60_000.0 / (beat.Sketch.Bpm * 480);
        var hits = new List<Hit>();
        foreach (var n in beat.Sketch.Tracks[0].Notes)
        {
            if (DrumVoices.FromGeneralMidi(n.Pitch) is not { } voice) continue;
            var step = (int)Math.Round(n.Start / 120.0, MidpointRounding.AwayFromZero);
            hits.Add(new Hit(step / 16, step % 16, voice.Learned(), n.Velocity, (n.Start - step * 120) * msPerTick));
        }
        return BarFeatures(hits).Select(b => b.Features);
    }

    static List<(DrumBar Bar, double[] Features)> BarFeatures(List<Hit> hits)
    {
        var result = new List<(DrumBar, double[])>();
        foreach (var bar in hits.GroupBy(h => h.Bar).OrderBy(g => g.Key))
        {
            var list = bar.ToList();
            if (list.Count < 2) continue;
            var grid = default(DrumBar);
            foreach (var h in list) grid = grid.Set(h.Voice, h.Step);
            double Density(params DrumVoice[] voices) => voices.Sum(v => int.PopCount(grid[v])) / 16.0;
            var onsets = Enumerable.Range(0, 16).Where(s => Enumerable.Range(0, DrumVoices.LearnedCount).Any(v => grid.Has((DrumVoice)v, s))).ToList();
            var syncopation = onsets.Count == 0 ? 0 : onsets.Count(s => s % 2 == 1) / (double)onsets.Count;
            result.Add((grid,
            [
                Density(DrumVoice.Kick), Density(DrumVoice.Snare), Density(DrumVoice.ClosedHat, DrumVoice.OpenHat, DrumVoice.Ride),
                Density(DrumVoice.LowTom, DrumVoice.MidTom, DrumVoice.HighTom), Density(DrumVoice.Crash), syncopation,
                StandardDeviation(list.Select(h => h.OffsetMs)), StandardDeviation(list.Select(h => (double)h.Velocity)),
            ]));
        }
        return result;
    }

    static double StandardDeviation(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length < 2) return 0;
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    // Pairwise absolute differences, every pair when there are few, else a fixed stride through them (deterministic).
    static double[] Distances(double[] a, double[] b, int maxPairs, bool intra)
    {
        var pairs = new List<double>();
        long total = intra ? (long)a.Length * (a.Length - 1) / 2 : (long)a.Length * b.Length;
        var stride = Math.Max(1, total / maxPairs);
        long index = 0;
        for (var i = 0; i < a.Length; i++)
            for (var j = intra ? i + 1 : 0; j < b.Length; j++, index++)
                if (index % stride == 0) pairs.Add(Math.Abs(a[i] - b[j]));
        return [.. pairs];
    }

    /// <summary>Overlapping area of two Gaussian kernel density estimates (Silverman bandwidth), integrated on a grid.</summary>
    static double OverlappingArea(double[] x, double[] y)
    {
        if (x.Length == 0 || y.Length == 0) return 0;
        var lo = Math.Min(x.Min(), y.Min());
        var hi = Math.Max(x.Max(), y.Max());
        var hx = Bandwidth(x, hi - lo);
        var hy = Bandwidth(y, hi - lo);
        lo -= 3 * Math.Max(hx, hy);
        hi += 3 * Math.Max(hx, hy);
        const int points = 200;
        var dx = (hi - lo) / (points - 1);
        var px = Density(x, hx, lo, dx, points);
        var py = Density(y, hy, lo, dx, points);
        double area = 0;
        for (var i = 0; i < points; i++) area += Math.Min(px[i], py[i]) * dx;
        return Math.Min(1, area);
    }

    static double Bandwidth(double[] v, double range)
    {
        var sd = StandardDeviation(v);
        var h = 1.06 * sd * Math.Pow(v.Length, -0.2);
        return h > 0 ? h : Math.Max(range, 1e-3) / 50;
    }

    // Binned KDE: values are counted into fine bins first, so large sets cost little.
    static double[] Density(double[] values, double h, double lo, double dx, int points)
    {
        var bins = new double[points];
        foreach (var v in values) bins[Math.Clamp((int)Math.Round((v - lo) / dx), 0, points - 1)]++;
        var density = new double[points];
        var norm = 1 / (values.Length * h * Math.Sqrt(2 * Math.PI));
        for (var i = 0; i < points; i++)
        {
            if (bins[i] == 0) continue;
            var center = lo + i * dx;
            for (var j = 0; j < points; j++)
            {
                var z = (lo + j * dx - center) / h;
                density[j] += bins[i] * Math.Exp(-0.5 * z * z) * norm;
            }
        }
        return density;
    }
}
