using Zordic.Agents.Composition;
using Zordic.Agents.Harmony;
using Zordic.Agents.Melody;
using Zordic.Agents.Prompting;
using Zordic.Agents.Training;

namespace Zordic.Bench.Agents;

/// <summary>
/// The melody model's bits per note on the Nottingham <c>tune</c> melodies (pitch given the notes before
/// and the key signature), next to a unigram and a Witten–Bell bigram over absolute pitch fitted on
/// <c>train</c>; and, for generated melodies, the share of notes in key, of strong-beat notes on chord
/// tones, and the L1 distance between their interval histogram and the real tunes'. Two anchors for that
/// distance, on the same histograms: the <c>train</c> tunes' (real against real: the floor) and notes
/// drawn one by one from <c>train</c>'s pitch frequencies (a melody that knows no sequence).
/// </summary>
public static class MelodyEvaluation
{
    public sealed record Result(double BitsPerNote, double UnigramBits, double BigramBits, double InKeyRatio, double StrongBeatChordToneRatio, double IntervalHistogramDistance, double RealIntervalHistogramDistance, double UnigramIntervalHistogramDistance, int Notes);

    public static Result Run(MelodyModel model, IReadOnlyList<FolkTune> train, IReadOnlyList<FolkTune> test, Composer composer, int seeds)
    {
        var unigram = new double[128];
        var bigram = new Dictionary<int, Dictionary<int, int>>();
        var trainIntervals = new double[25];
        foreach (var tune in train)
        {
            for (var i = 0; i < tune.Melody.Count; i++)
            {
                unigram[tune.Melody[i].Pitch]++;
                if (i == 0) continue;
                var prev = tune.Melody[i - 1].Pitch;
                trainIntervals[IntervalBin(tune.Melody[i].Pitch - prev)]++;
                if (!bigram.TryGetValue(prev, out var row)) bigram[prev] = row = [];
                row[tune.Melody[i].Pitch] = row.GetValueOrDefault(tune.Melody[i].Pitch) + 1;
            }
        }
        var total = unigram.Sum();
        double modelBits = 0, uniBits = 0, biBits = 0;
        var notes = 0;
        var realIntervals = new double[25];
        foreach (var tune in test)
        {
            var tonic = KeyReference.MajorTonic(tune.Key);
            for (var i = 0; i < tune.Melody.Count; i++)
            {
                var pitch = tune.Melody[i].Pitch;
                var p2 = i >= 2 ? tune.Melody[i - 2].Pitch - tonic : -100;
                var p1 = i >= 1 ? tune.Melody[i - 1].Pitch - tonic : -100;
                modelBits -= Math.Log2(model.Pitches.Probability(p2, p1, pitch - tonic));
                var pu = (unigram[pitch] + 1) / (total + 128);
                uniBits -= Math.Log2(pu);
                var pb = pu;
                if (i >= 1 && bigram.TryGetValue(tune.Melody[i - 1].Pitch, out var row))
                {
                    var n = row.Values.Sum();
                    pb = (row.GetValueOrDefault(pitch) + row.Count * pu) / (n + row.Count);
                }
                biBits -= Math.Log2(pb);
                notes++;
                if (i >= 1) realIntervals[IntervalBin(pitch - tune.Melody[i - 1].Pitch)]++;
            }
        }

        long generated = 0, inKey = 0, strong = 0, chordTones = 0;
        var generatedIntervals = new double[25];
        string[] prompts = ["lo-fi beat, 85 bpm, A minor, laid back", "four on the floor house 124", "trap 140", "funk groove", "pop in C major", "jazz in F", "drum and bass 174", "reggaeton", "rock 8 bars", "afrobeat in G minor"];
        foreach (var text in prompts)
        {
            var prompt = PromptParser.Parse(text);
            for (var seed = 0; seed < seeds; seed++)
            {
                var composition = composer.Compose(prompt, seed);
                var melody = composition.Melody.Tracks[0].Notes;
                for (var i = 0; i < melody.Count; i++)
                {
                    var n = melody[i];
                    generated++;
                    if (prompt.Key.Contains(n.Pitch)) inKey++;
                    if (n.Start % 480 == 0)
                    {
                        strong++;
                        if (composition.Harmony.ChordAt(n.Start).Contains(n.Pitch)) chordTones++;
                    }
                    if (i >= 1) generatedIntervals[IntervalBin(n.Pitch - melody[i - 1].Pitch)]++;
                }
            }
        }
        // The sequence-blind anchor: as many notes as were generated, each drawn from train's pitch frequencies.
        var random = new Random(1);
        var drawnIntervals = new double[25];
        var previous = -1;
        for (var k = 0; k < generated; k++)
        {
            var u = random.NextDouble() * total;
            var pitch = 0;
            while (pitch < 127 && (u -= unigram[pitch]) >= 0) pitch++;
            if (previous >= 0) drawnIntervals[IntervalBin(pitch - previous)]++;
            previous = pitch;
        }
        return new Result(modelBits / notes, uniBits / notes, biBits / notes, (double)inKey / generated, (double)chordTones / strong,
            Distance(realIntervals, generatedIntervals), Distance(realIntervals, trainIntervals), Distance(realIntervals, drawnIntervals), notes);
    }

    // Intervals in semitones, an octave or more up or down pooled at ±12.
    static int IntervalBin(int semitones) => Math.Clamp(semitones, -12, 12) + 12;

    // L1 distance between two histograms as distributions (0 same, 2 disjoint).
    static double Distance(double[] a, double[] b)
    {
        double sa = a.Sum(), sb = b.Sum();
        return Enumerable.Range(0, a.Length).Sum(i => Math.Abs(a[i] / sa - b[i] / sb));
    }
}
