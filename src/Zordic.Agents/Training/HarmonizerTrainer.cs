using Zordic.Agents.Harmony;
using Zordic.Music.Theory;

namespace Zordic.Agents.Training;

/// <summary>
/// Fits the <see cref="HarmonizerModel"/> on Nottingham melody/chord pairs: an averaged structured
/// perceptron (Collins 2002) whose prediction is the joint best key and chord sequence, so the key
/// choice is trained too. Deterministic: tunes are visited in id order, no threads.
/// </summary>
public static class HarmonizerTrainer
{
    public const int Epochs = 15;
    /// <summary>The margin of cost-augmented decoding: one per frame whose chord is wrong.</summary>
    public const float Margin = 1;
    public const int CandidateKeys = 3;
    /// <summary>A chord (relative to the key) needs this many training frames to become a state.</summary>
    public const int MinStateFrames = 40;

    internal sealed record Example(MelodyFrames Frames, int Key, int[] Gold);

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

        var layout = new HarmonyFeatureLayout(states.Count);
        var weights = new float[layout.Size];
        var model = new HarmonizerModel(stateRoot, stateQuality, weights, profile, CandidateKeys);
        // Averaging: w̄ = w − u / c, with u the updates weighted by the step they happened at.
        var sumUpdates = new double[layout.Size];
        var delta = new float[layout.Size];
        var c = 1;
        var maxFrames = examples.Max(e => e.Frames.Count);
        var S = states.Count;
        var emissions = new float[maxFrames * S];
        var viterbiDelta = new float[maxFrames * S * HarmonyFeatureLayout.Runs];
        var back = new int[maxFrames * S * HarmonyFeatureLayout.Runs];
        var path = new int[maxFrames];
        // Tunes in id order (grouped by collection): shuffled orders were tried and made the validation figure
        // swing by two points from one seed to the next, with no better mean.
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var mistakes = 0;
            foreach (var ex in examples)
            {
                var f = ex.Frames;
                var bestScore = float.NegativeInfinity;
                var bestKey = -1;
                int[] bestPath = [];
                var candidates = model.CandidateTonics(f, CandidateKeys);
                if (!candidates.Contains(ex.Key)) candidates = [.. candidates, ex.Key];
                foreach (var key in candidates)
                {
                    var center = HarmonizerModel.CenterOf(f, key);
                    model.Emissions(f, key, emissions, center);
                    // Cost-augmented decoding (a margin of one per wrong frame) makes the perceptron separate
                    // the gold chords by a margin, which generalises better than plain separation.
                    for (var t = 0; t < f.Count; t++)
                    {
                        var gold = model.ChordOf(ex.Gold[t], ex.Key);
                        for (var s = 0; s < S; s++) if (model.ChordOf(s, key) != gold) emissions[t * S + s] += Margin;
                    }
                    var pathView = path.AsSpan(0, f.Count).ToArray();
                    var score = model.Viterbi(f, emissions, pathView, viterbiDelta, back) + model.KeyScore(f, key, center);
                    if (score > bestScore) { bestScore = score; bestKey = key; bestPath = pathView; }
                }
                if (bestKey != ex.Key || !bestPath.AsSpan().SequenceEqual(ex.Gold))
                {
                    mistakes++;
                    Array.Clear(delta);
                    Accumulate(layout, model, f, ex.Key, ex.Gold, 1f, delta);
                    Accumulate(layout, model, f, bestKey, bestPath, -1f, delta);
                    for (var i = 0; i < delta.Length; i++)
                    {
                        if (delta[i] == 0) continue;
                        weights[i] += delta[i];
                        sumUpdates[i] += (double)c * delta[i];
                    }
                }
                c++;
            }
            progress?.Invoke($"harmonizer epoch {epoch + 1}/{Epochs}: {mistakes} of {examples.Count} tunes wrong");
            if (epochDone is not null) epochDone(epoch + 1, Averaged(stateRoot, stateQuality, weights, sumUpdates, c, profile));
        }
        return Averaged(stateRoot, stateQuality, weights, sumUpdates, c, profile);
    }

    static HarmonizerModel Averaged(int[] stateRoot, ChordQuality[] stateQuality, float[] weights, double[] sumUpdates, int c, float[] profile)
    {
        var averaged = new float[weights.Length];
        for (var i = 0; i < averaged.Length; i++) averaged[i] = Round((float)(weights[i] - sumUpdates[i] / c));
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

    /// <summary>Adds <paramref name="scale"/> × the feature vector of (key, sequence) to <paramref name="target"/>; mirrors the model's scoring.</summary>
    internal static void Accumulate(HarmonyFeatureLayout L, HarmonizerModel model, MelodyFrames f, int key, int[] seq, float scale, float[] target)
    {
        var S = L.States;
        var center = HarmonizerModel.CenterOf(f, key);
        const int P = HarmonyFeatureLayout.PhraseBars, E = HarmonyFeatureLayout.EndBars, R = HarmonyFeatureLayout.Runs;
        var run = 1; // frames the chord at t − 1 has lasted, up to R
        Span<uint> patterns = stackalloc uint[MelodyPatterns.Count];
        for (var t = 0; t < f.Count; t++)
        {
            var s = seq[t];
            var q = (int)model.StateQuality[s];
            for (var z = 0; z < MelodyFrames.Scopes; z++)
            {
                var weights = f.PitchWeights[z];
                for (var pc = 0; pc < 12; pc++)
                {
                    var v = weights[t * 12 + pc];
                    if (v == 0) continue;
                    var inKey = (pc - key + 12) % 12;
                    target[L.ChordInterval + (z * HarmonyFeatureLayout.Qualities + q) * 12 + (inKey - model.StateRoot[s] + 12) % 12] += scale * v;
                    target[L.ChordInKey + (z * S + s) * 12 + inKey] += scale * v;
                }
            }
            target[L.Prior + s] += scale;
            var patternCount = MelodyPatterns.Collect(f, key, t, patterns);
            for (var i = 0; i < patternCount; i++) target[model.PatternIndex(patterns[i], s)] += scale * HarmonizerModel.PatternValue;
            target[L.PhrasePrior + f.PhraseBar(t, P) * S + s] += scale;
            var onset = f.OnsetPitchClass[t];
            if (onset >= 0)
            {
                var inKey = (onset - key + 12) % 12;
                target[L.OnsetInterval + (f.Strength[t] * HarmonyFeatureLayout.Qualities + q) * 12 + (inKey - model.StateRoot[s] + 12) % 12] += scale;
                target[L.OnsetInKey + (f.Strength[t] * S + s) * 12 + inKey] += scale;
            }
            if (f.BarInTune[t] <= 1) target[L.FirstBars + s] += scale;
            if (f.LastBar - f.Bar[t] < HarmonyFeatureLayout.EndBars) target[L.LastBar + (f.LastBar - f.Bar[t]) * S + s] += scale;
            if (t == f.Count - 1) target[L.LastFrame + s] += scale;
            target[L.CenterPrior + center * S + s] += scale;
            target[L.CenterPhrase + (center * P + f.PhraseBar(t, P)) * S + s] += scale;
            if (f.BarInTune[t] <= 1) target[L.CenterFirstBars + center * S + s] += scale;
            if (f.LastBar - f.Bar[t] < E) target[L.CenterLastBar + (center * E + f.LastBar - f.Bar[t]) * S + s] += scale;
            if (t == f.Count - 1) target[L.CenterLastFrame + center * S + s] += scale;
            if (t > 0 && seq[t - 1] != s)
            {
                var p = seq[t - 1];
                var position = Math.Min(f.Position[t], MelodyFrames.MaxPosition - 1);
                target[L.Change + f.MeterGroup * MelodyFrames.MaxPosition + position] += scale;
                target[L.ChangeAfter + (f.MeterGroup * MelodyFrames.MaxPosition + position) * R + run - 1] += scale;
                target[L.LeaveAfter + p * R + run - 1] += scale;
                target[L.ChangeInPhrase + (f.MeterGroup * P + f.PhraseBar(t, P)) * MelodyFrames.MaxPosition + position] += scale;
                run = 1;
                target[L.Pair + p * S + s] += scale;
                if (f.Position[t] == 0) target[L.PairAtBar + p * S + s] += scale;
            }
            else if (t > 0) run = Math.Min(run + 1, R);
        }
        for (var pc = 0; pc < 12; pc++)
        {
            target[L.KeyPitch + (pc - key + 12) % 12] += scale * f.KeyProfile[pc];
            target[L.CenterKeyPitch + center * 12 + (pc - key + 12) % 12] += scale * f.KeyProfile[pc];
        }
        if (f.FirstPitchClass >= 0)
        {
            target[L.KeyFirst + (f.FirstPitchClass - key + 12) % 12] += scale;
            target[L.CenterKeyFirst + center * 12 + (f.FirstPitchClass - key + 12) % 12] += scale;
        }
        if (f.LastPitchClass >= 0) target[L.KeyLast + (f.LastPitchClass - key + 12) % 12] += scale;
    }
}
