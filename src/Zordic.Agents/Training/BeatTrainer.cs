using Zordic.Agents.Beat;
using Zordic.Agents.Models;

namespace Zordic.Agents.Training;

/// <summary>
/// Fits a <see cref="GrooveStyle"/> per Groove style from the <c>train</c> performances: the recordings
/// are cut into bars on a 16th grid (each hit to its nearest step; what is left is its micro-timing).
/// </summary>
public static class BeatTrainer
{
    public const int PatternsPerStyle = 32;
    public const int FillsPerStyle = 16;
    /// <summary>A style needs this many recorded grooves to be learned; rarer ones borrow a neighbour's.</summary>
    public const int MinPerformances = 2;
    public const int StepTicks = 120;
    /// <summary>How many quantiles describe each per-bar feel distribution.</summary>
    public const int FeelQuantiles = 32;

    /// <summary>A recorded bar on the grid, with each hit's velocity and timing offset.</summary>
    public readonly record struct QuantizedHit(int Bar, int Step, DrumVoice Voice, int Velocity, int Offset);

    public static BeatModel Train(IReadOnlyList<GroovePerformance> performances)
    {
        var styles = new SortedDictionary<string, GrooveStyle>(StringComparer.Ordinal);
        var train = performances.Where(p => p.Split == "train").ToList();
        foreach (var group in train.Where(p => !p.IsFill).GroupBy(p => p.Style).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (group.Count() < MinPerformances) continue;
            var beats = group.ToList();
            var fills = train.Where(p => p.IsFill && p.Style == group.Key).ToList();
            styles[group.Key] = Fit(group.Key, beats, fills);
        }
        return new BeatModel(styles);
    }

    /// <summary>Cuts a performance into 16-step bars: the grid of every bar with at least two hits.</summary>
    public static List<DrumBar> Bars(GroovePerformance performance, out List<QuantizedHit> hits)
    {
        hits = Quantize(performance);
        var bars = new SortedDictionary<int, DrumBar>();
        foreach (var h in hits) bars[h.Bar] = bars.GetValueOrDefault(h.Bar).Set(h.Voice, h.Step);
        return bars.Values.Where(b => b.Onsets >= 2).ToList();
    }

    public static List<QuantizedHit> Quantize(GroovePerformance performance)
    {
        var result = new List<QuantizedHit>(performance.Hits.Count);
        foreach (var hit in performance.Hits)
        {
            var step = (int)Math.Round(hit.Tick / (double)StepTicks, MidpointRounding.AwayFromZero);
            var offset = (int)(hit.Tick - (long)step * StepTicks);
            result.Add(new QuantizedHit(step / DrumBar.Steps, step % DrumBar.Steps, hit.Voice, hit.Velocity, offset));
        }
        return result;
    }

    static GrooveStyle Fit(string name, List<GroovePerformance> beats, List<GroovePerformance> fills)
    {
        var onsets = new double[GrooveStyle.Cells];
        var vSum = new double[GrooveStyle.Cells];
        var vSq = new double[GrooveStyle.Cells];
        var tSum = new double[GrooveStyle.Cells];
        var tSq = new double[GrooveStyle.Cells];
        var patternCounts = new Dictionary<DrumBar, int>();
        var barCount = 0;
        foreach (var performance in beats)
        {
            var bars = Bars(performance, out var hits);
            barCount += bars.Count;
            foreach (var bar in bars) if (bar.Onsets >= 4) patternCounts[bar] = patternCounts.GetValueOrDefault(bar) + 1;
            // Count each voice-step once per bar for the probability; every hit for velocity and timing.
            var seen = new HashSet<(int, int)>();
            foreach (var h in hits)
            {
                var cell = GrooveStyle.Cell(h.Voice, h.Step);
                if (seen.Add((h.Bar, cell))) onsets[cell]++;
                vSum[cell] += h.Velocity; vSq[cell] += (double)h.Velocity * h.Velocity;
                tSum[cell] += h.Offset; tSq[cell] += (double)h.Offset * h.Offset;
            }
        }
        var hitCounts = new double[GrooveStyle.Cells];
        foreach (var performance in beats)
            foreach (var h in Quantize(performance)) hitCounts[GrooveStyle.Cell(h.Voice, h.Step)]++;

        var probability = new float[GrooveStyle.Cells];
        var vMean = new float[GrooveStyle.Cells];
        var vSpread = new float[GrooveStyle.Cells];
        var tMean = new float[GrooveStyle.Cells];
        var tSpread = new float[GrooveStyle.Cells];
        for (var c = 0; c < GrooveStyle.Cells; c++)
        {
            var n = hitCounts[c];
            probability[c] = ModelJson.Round(Math.Min(1, onsets[c] / Math.Max(1, barCount)));
            // Sparse cells borrow a sensible prior (a medium hit, on time) so that generation never divides by nothing.
            var vm = n > 0 ? vSum[c] / n : 80;
            var tm = n > 0 ? tSum[c] / n : 0;
            vMean[c] = ModelJson.Round(vm);
            vSpread[c] = ModelJson.Round(n > 1 ? Math.Sqrt(Math.Max(0, vSq[c] / n - vm * vm)) : 10);
            tMean[c] = ModelJson.Round(tm);
            tSpread[c] = ModelJson.Round(n > 1 ? Math.Sqrt(Math.Max(0, tSq[c] / n - tm * tm)) : 10);
        }

        var fillCounts = new Dictionary<DrumBar, int>();
        foreach (var performance in fills)
        {
            foreach (var bar in Bars(performance, out _))
            {
                var toms = int.PopCount(bar.LowTom) + int.PopCount(bar.MidTom) + int.PopCount(bar.HighTom);
                if (toms >= 2 || int.PopCount(bar.Snare) >= 5) fillCounts[bar] = fillCounts.GetValueOrDefault(bar) + 1;
            }
        }
        var bpm = beats.Select(b => b.Bpm).Order().ElementAt(beats.Count / 2);
        var (timingFeel, velocityFeel, syncopationFeel) = Feel(beats);
        return new GrooveStyle(name, bpm, Top(patternCounts, PatternsPerStyle), Top(fillCounts, FillsPerStyle), probability, vMean, vSpread, tMean, tSpread,
            timingFeel, velocityFeel, syncopationFeel);
    }

    // How loose, how dynamic and how syncopated each recorded bar is: one pooled spread per step would give
    // every generated bar the same feel, while drummers play some bars tight and others loose. Timing is
    // measured in ms (at the performance's tempo), as a drummer's looseness is a matter of time, not of grid.
    static (float[] Timing, float[] Velocity, float[] Syncopation) Feel(List<GroovePerformance> beats)
    {
        var timing = new List<double>();
        var velocity = new List<double>();
        var syncopation = new List<double>();
        foreach (var performance in beats)
        {
            var msPerTick = 60_000.0 / (performance.Bpm * 480);
            foreach (var bar in Quantize(performance).GroupBy(h => h.Bar).OrderBy(g => g.Key))
            {
                var hits = bar.ToList();
                if (hits.Count < 2) continue;
                timing.Add(StandardDeviation(hits.Select(h => h.Offset * msPerTick)));
                velocity.Add(StandardDeviation(hits.Select(h => (double)h.Velocity)));
                var steps = 0;
                foreach (var h in hits) steps |= 1 << h.Step;
                syncopation.Add(int.PopCount(steps & 0xAAAA) / (double)int.PopCount(steps));
            }
        }
        return (Quantiles(timing), Quantiles(velocity), Quantiles(syncopation));
    }

    static double StandardDeviation(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    // Quantiles at (i + ½) / n, linearly interpolated between the sorted values.
    static float[] Quantiles(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var result = new float[FeelQuantiles];
        for (var i = 0; i < FeelQuantiles; i++)
        {
            var x = (i + 0.5) / FeelQuantiles * (sorted.Length - 1);
            var j = Math.Min((int)x, sorted.Length - 2);
            result[i] = ModelJson.Round(sorted[j] + (x - j) * (sorted[j + 1] - sorted[j]));
        }
        return result;
    }

    // Most played first; ties in a fixed order of the grids so that a refit is byte for byte the same.
    static List<WeightedBar> Top(Dictionary<DrumBar, int> counts, int n) =>
        counts.OrderByDescending(kv => kv.Value).ThenBy(kv => Key(kv.Key), StringComparer.Ordinal)
            .Take(n).Select(kv => new WeightedBar(kv.Key, kv.Value)).ToList();

    static string Key(DrumBar bar) => string.Join(",", Enumerable.Range(0, DrumVoices.Count).Select(v => bar[(DrumVoice)v].ToString("x4")));
}
