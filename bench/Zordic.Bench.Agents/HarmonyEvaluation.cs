using Zordic.Agents.Harmony;
using Zordic.Agents.Training;
using Zordic.Music.Midi;
using Zordic.Music.Theory;

namespace Zordic.Bench.Agents;

/// <summary>
/// Chord accuracy on the Nottingham <c>tune</c> split: per quarter-note beat, root + triad quality of
/// the predicted chord against the real one, predicting from the melody alone (no key signature, no
/// chords). Beats where the tune has no chord (pickups) are not counted. Baselines in the same run:
/// the tune's first real chord held throughout, and diatonic triad templates in a key found with a
/// key profile learned from <c>train</c>.
/// </summary>
public static class HarmonyEvaluation
{
    public sealed record Result(double OracleKeyAccuracy, double ModelKeyAccuracy, double Accuracy, double FirstChordBaseline, double TemplateBaseline, int Beats, int Tunes, double TemplateKeyAccuracy);

    public static Result Run(Harmonizer harmonizer, IReadOnlyList<FolkTune> train, IReadOnlyList<FolkTune> test)
    {
        var profile = LearnedKeyProfile(train);
        long oracle = 0, modelKeyRight = 0, beats = 0, correct = 0, firstCorrect = 0, templateCorrect = 0, keyRight = 0;
        var tunes = 0;
        foreach (var tune in test)
        {
            if (tune.Chords.Count == 0 || tune.Melody.Count == 0) continue;
            tunes++;
            var end = Math.Max(tune.Melody[^1].EndTick, tune.Chords[^1].End);
            var predicted = harmonizer.FrameChords(tune.Melody, tune.TimeSignature, end);
            var frames = new MelodyFrames(tune.Melody, tune.TimeSignature, end);
            var gk = HarmonizerTrainer.MajorTonic(tune.Key);
            var (mk, _) = harmonizer.Model.Decode(frames);
            if (mk == gk) modelKeyRight++;
            var (_, opath) = harmonizer.Model.Decode(frames, gk);
            var oracleChords = opath.Select(s => harmonizer.Model.ChordOf(s, gk)).ToArray();
            var templateKey = BestKey(tune.Melody, profile);
            if (templateKey == HarmonizerTrainer.MajorTonic(tune.Key)) keyRight++;
            var first = tune.Chords[0].Chord.Triad;
            var j = 0;
            for (long tick = 0; tick < end; tick += 480)
            {
                while (j < tune.Chords.Count && tune.Chords[j].End <= tick) j++;
                if (j >= tune.Chords.Count || tune.Chords[j].Start > tick) continue;
                var gold = tune.Chords[j].Chord.Triad;
                beats++;
                var frame = (int)(tick / 240);
                if (frame < predicted.Length && predicted[frame].Triad == gold) correct++;
                if (frame < oracleChords.Length && oracleChords[frame].Triad == gold) oracle++;
                if (first == gold) firstCorrect++;
                if (TemplateChord(tune.Melody, tick, templateKey) == gold) templateCorrect++;
            }
        }
        return new Result((double)oracle / beats, (double)modelKeyRight / tunes, (double)correct / beats, (double)firstCorrect / beats, (double)templateCorrect / beats, (int)beats, tunes, (double)keyRight / tunes);
    }

    static double[] LearnedKeyProfile(IReadOnlyList<FolkTune> train)
    {
        var profile = new double[12];
        foreach (var tune in train)
        {
            var key = HarmonizerTrainer.MajorTonic(tune.Key);
            foreach (var n in tune.Melody) profile[((n.Pitch - key) % 12 + 12) % 12] += n.DurationTicks;
        }
        var total = profile.Sum();
        return profile.Select(p => p / total).ToArray();
    }

    // Krumhansl–Schmuckler with the learned profile: the major tonic whose rotation correlates best.
    static int BestKey(IReadOnlyList<MidiNote> melody, double[] profile)
    {
        var hist = new double[12];
        foreach (var n in melody) hist[((n.Pitch % 12) + 12) % 12] += n.DurationTicks;
        var best = 0;
        var bestR = double.NegativeInfinity;
        for (var k = 0; k < 12; k++)
        {
            var x = Enumerable.Range(0, 12).Select(pc => hist[(pc + k) % 12]).ToArray();
            var r = Correlation(x, profile);
            if (r > bestR) { bestR = r; best = k; }
        }
        return best;
    }

    static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }

    static readonly (int Degree, ChordQuality Quality)[] Diatonic =
    [
        (0, ChordQuality.Major), (7, ChordQuality.Major), (5, ChordQuality.Major), (9, ChordQuality.Minor),
        (2, ChordQuality.Minor), (4, ChordQuality.Minor), (11, ChordQuality.Diminished),
    ];

    // The diatonic triad covering most of the melody's duration in this beat (ties: I, V, IV, vi, ii, iii, vii°).
    static Chord TemplateChord(IReadOnlyList<MidiNote> melody, long beatStart, int key)
    {
        var weights = new double[12];
        var beatEnd = beatStart + 480;
        foreach (var n in melody)
        {
            if (n.EndTick <= beatStart || n.StartTick >= beatEnd) continue;
            weights[((n.Pitch % 12) + 12) % 12] += Math.Min(n.EndTick, beatEnd) - Math.Max(n.StartTick, beatStart);
        }
        var best = Diatonic[0];
        var bestScore = double.NegativeInfinity;
        foreach (var candidate in Diatonic)
        {
            var chord = new Chord((PitchClass)((key + candidate.Degree) % 12), candidate.Quality);
            double score = 0;
            for (var pc = 0; pc < 12; pc++) if (weights[pc] > 0) score += chord.Contains(pc) ? weights[pc] : -0.5 * weights[pc];
            if (score > bestScore) { bestScore = score; best = candidate; }
        }
        return new Chord((PitchClass)((key + best.Degree) % 12), best.Quality);
    }
}
