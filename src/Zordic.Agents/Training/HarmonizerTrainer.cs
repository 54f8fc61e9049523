using Zordic.Agents.Harmony;
using Zordic.Music.Theory;

namespace Zordic.Agents.Training;

/// <summary>
/// Fits the <see cref="HarmonizerModel"/> on Nottingham melody/chord pairs as a conditional random field:
/// it maximises the log-probability of each tune's key and chords, P(key, chords | melody) ∝ exp(score),
/// with the key summed over the candidate keys and the chords over every path of the lattice the Viterbi
/// search walks (<see cref="ChordLattice"/>). Softmax-margin: wrong chords on the beats get
/// <see cref="Cost"/> added inside the sum, so the gold chords must win by a margin. AdaGrad steps, one
/// tune at a time, with a little L2; the weights are averaged over the steps. Deterministic: tunes in id
/// order, no threads, exp and log of our own (<see cref="LogSpace"/>).
/// </summary>
/// <remarks>
/// It replaced an averaged structured perceptron with the same features and decoding, which did worse on
/// every validation fold and whose figure swung with the order the tunes were visited in; the likelihood is
/// smooth from one epoch to the next (docs/experiments/harmonizer.md).
/// </remarks>
public static class HarmonizerTrainer
{
    public const int Epochs = 4;
    /// <summary>The softmax margin: added to every wrong chord's score on every quarter-note beat.</summary>
    public const float Cost = 3;
    public const float LearningRate = 0.1f;
    /// <summary>The L2 pull of each step on every non-zero weight.</summary>
    public const float L2 = 1e-4f;
    public const int CandidateKeys = 3;
    /// <summary>A chord (relative to the key) needs this many training frames to become a state.</summary>
    public const int MinStateFrames = 40;

    sealed record Example(MelodyFrames Frames, int Key, int[] Gold);

    /// <param name="epochDone">Called after each epoch with the averaged model so far (to watch a validation figure).</param>
    public static HarmonizerModel Train(IReadOnlyList<FolkTune> tunes, Action<string>? progress = null, Action<int, HarmonizerModel>? epochDone = null)
    {
        // States: the chords, relative to the key's major tonic, that the training tunes use often enough.
        var counts = new Dictionary<(int Root, ChordQuality Quality), int>();
        var profile = new float[12];
        var usable = tunes.Where(t => t.Chords.Count > 0 && t.Melody.Count > 0).ToList();
        foreach (var tune in usable)
        {
            var key = MajorTonic(tune.Key);
            foreach (var span in tune.Chords)
            {
                var rel = (((int)span.Chord.Root - key) % 12 + 12) % 12;
                counts[(rel, span.Chord.Quality)] = counts.GetValueOrDefault((rel, span.Chord.Quality)) + (int)((span.End - span.Start) / MelodyFrames.FrameTicks);
            }
        }
        var states = counts.Where(c => c.Value >= MinStateFrames)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key.Root).ThenBy(c => c.Key.Quality).Select(c => c.Key).ToList();
        var stateRoot = states.Select(s => s.Root).ToArray();
        var stateQuality = states.Select(s => s.Quality).ToArray();

        var examples = new List<Example>();
        foreach (var tune in usable)
        {
            var key = MajorTonic(tune.Key);
            var frames = Frames(tune);
            for (var pc = 0; pc < 12; pc++) profile[pc] += frames.KeyProfile[(pc + key) % 12];
            examples.Add(new Example(frames, key, GoldStates(tune, frames, key, stateRoot, stateQuality)));
        }
        for (var pc = 0; pc < 12; pc++) profile[pc] /= Math.Max(1, examples.Count);

        var S = states.Count;
        const int R = HarmonyFeatureLayout.Runs;
        var layout = new HarmonyFeatureLayout(S);
        var weights = new float[layout.Size];
        var model = new HarmonizerModel(stateRoot, stateQuality, weights, profile, CandidateKeys);
        var lattice = new ChordLattice(model);
        // Averaging: w̄ = w − u / c, with u the steps weighted by the step count they happened at.
        var sumSteps = new double[layout.Size];
        var squares = new double[layout.Size];
        var gradient = new float[layout.Size];
        var maxFrames = examples.Max(e => e.Frames.Count);
        var keys = CandidateKeys + 1;
        var emissions = Enumerable.Range(0, keys).Select(_ => new float[maxFrames * S]).ToArray();
        var alpha = Enumerable.Range(0, keys).Select(_ => new float[maxFrames * S * R]).ToArray();
        var beta = new float[maxFrames * S * R];
        var logZ = new float[keys];
        var c = 1;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            double logLikelihood = 0;
            foreach (var ex in examples)
            {
                var f = ex.Frames;
                var candidates = model.CandidateTonics(f, CandidateKeys);
                if (!candidates.Contains(ex.Key)) candidates = [.. candidates, ex.Key];
                for (var k = 0; k < candidates.Length; k++)
                {
                    var key = candidates[k];
                    var center = HarmonizerModel.CenterOf(f, key);
                    var e = emissions[k];
                    model.Emissions(f, key, e, center);
                    // Frames on the quarter-note grid are the ones the evaluation counts.
                    for (var t = 0; t < f.Count; t += 2)
                    {
                        var gold = model.ChordOf(ex.Gold[t], ex.Key);
                        for (var s = 0; s < S; s++) if (model.ChordOf(s, key) != gold) e[t * S + s] += Cost;
                    }
                    logZ[k] = lattice.Forward(f, e, alpha[k]) + model.KeyScore(f, key, center);
                }
                var total = LogSpace.SumExp(logZ.AsSpan(0, candidates.Length));
                Array.Clear(gradient);
                HarmonizerFeatures.Accumulate(layout, model, f, ex.Key, ex.Gold, 1f, gradient);
                double goldScore = 0;
                for (var i = 0; i < gradient.Length; i++) if (gradient[i] != 0) goldScore += (double)gradient[i] * weights[i];
                logLikelihood += goldScore - total;
                for (var k = 0; k < candidates.Length; k++)
                {
                    var p = LogSpace.Exp(logZ[k] - total);
                    if (p < 1e-4) continue; // a key this unlikely moves no stored digit
                    var key = candidates[k];
                    var center = HarmonizerModel.CenterOf(f, key);
                    var keyScore = model.KeyScore(f, key, center);
                    lattice.Expect(f, key, center, emissions[k], alpha[k], beta, logZ[k] - keyScore, (float)-p, gradient);
                    HarmonizerFeatures.AddKey(layout, f, key, center, (float)-p, gradient);
                }
                for (var i = 0; i < gradient.Length; i++)
                {
                    double g = gradient[i];
                    if (weights[i] != 0) g -= L2 * weights[i];
                    if (g == 0) continue;
                    squares[i] += g * g;
                    var step = (float)(LearningRate * g / Math.Sqrt(squares[i]));
                    weights[i] += step;
                    sumSteps[i] += (double)c * step;
                }
                c++;
            }
            progress?.Invoke($"harmonizer epoch {epoch + 1}/{Epochs}: log-likelihood {logLikelihood:0.0}");
            if (epochDone is not null) epochDone(epoch + 1, Averaged(stateRoot, stateQuality, weights, sumSteps, c, profile));
        }
        return Averaged(stateRoot, stateQuality, weights, sumSteps, c, profile);
    }

    static HarmonizerModel Averaged(int[] stateRoot, ChordQuality[] stateQuality, float[] weights, double[] sumSteps, int c, float[] profile)
    {
        var averaged = new float[weights.Length];
        for (var i = 0; i < averaged.Length; i++) averaged[i] = Round((float)(weights[i] - sumSteps[i] / c));
        return new HarmonizerModel(stateRoot, stateQuality, averaged, profile.Select(Round).ToArray(), CandidateKeys);
    }

    // Weights are stored with five significant digits; the model in use is the stored one.
    static float Round(float v) => Models.ModelJson.Round(v);

    internal static MelodyFrames Frames(FolkTune tune)
    {
        var end = Math.Max(tune.Melody.Count > 0 ? tune.Melody[^1].EndTick : 0, tune.Chords.Count > 0 ? tune.Chords[^1].End : 0);
        return new MelodyFrames(tune.Melody, tune.TimeSignature, end);
    }

    /// <summary>The major tonic a key signature names: the relative major for minor keys.</summary>
    public static int MajorTonic(MusicalKey key) => KeyReference.MajorTonic(key);

    // The chord sounding at each frame's start; before the first chord (a pickup) the first chord,
    // and chords the model has no state for fall back to the closest state on the same root.
    static int[] GoldStates(FolkTune tune, MelodyFrames f, int key, int[] stateRoot, ChordQuality[] stateQuality)
    {
        var gold = new int[f.Count];
        var j = 0;
        for (var t = 0; t < f.Count; t++)
        {
            var tick = (long)t * MelodyFrames.FrameTicks;
            while (j + 1 < tune.Chords.Count && tune.Chords[j + 1].Start <= tick) j++;
            var chord = tune.Chords[j].Chord;
            gold[t] = NearestState(chord, key, stateRoot, stateQuality);
        }
        return gold;
    }

    static int NearestState(Chord chord, int key, int[] stateRoot, ChordQuality[] stateQuality)
    {
        var root = (((int)chord.Root - key) % 12 + 12) % 12;
        var fallback = -1;
        for (var s = 0; s < stateRoot.Length; s++)
        {
            if (stateRoot[s] != root) continue;
            if (stateQuality[s] == chord.Quality) return s;
            if (fallback < 0) fallback = s;
        }
        return fallback >= 0 ? fallback : 0;
    }
}
