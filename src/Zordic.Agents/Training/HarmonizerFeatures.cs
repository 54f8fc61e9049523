using Zordic.Agents.Harmony;

namespace Zordic.Agents.Training;

/// <summary>
/// The harmonizer's feature vector, written into a weight-sized array: what <see cref="HarmonizerModel"/>
/// scores, feature by feature, so that training can add the gold path's features and subtract the expected
/// ones. Each part mirrors one term of the model's emissions, transitions or key score.
/// </summary>
internal static class HarmonizerFeatures
{
    /// <summary>Adds <paramref name="scale"/> × the feature vector of (key, sequence) to <paramref name="target"/>; mirrors the model's scoring.</summary>
    internal static void Accumulate(HarmonyFeatureLayout L, HarmonizerModel model, MelodyFrames f, int key, int[] seq, float scale, float[] target)
    {
        var center = HarmonizerModel.CenterOf(f, key);
        const int R = HarmonyFeatureLayout.Runs;
        var run = 1; // frames the chord at t − 1 has lasted, up to R
        Span<uint> patterns = stackalloc uint[MelodyPatterns.Count];
        for (var t = 0; t < f.Count; t++)
        {
            var s = seq[t];
            var patternCount = MelodyPatterns.Collect(f, key, t, patterns);
            AddFrame(L, model, f, key, center, t, s, scale, patterns[..patternCount], target);
            if (t > 0 && seq[t - 1] != s)
            {
                AddLeave(L, f, t, seq[t - 1], run, scale, target);
                AddPair(L, f, t, seq[t - 1], s, scale, target);
                run = 1;
            }
            else if (t > 0) run = Math.Min(run + 1, R);
        }
        AddKey(L, f, key, center, scale, target);
    }

    /// <summary>The features of chord <paramref name="s"/> at frame <paramref name="t"/>.</summary>
    internal static void AddFrame(HarmonyFeatureLayout L, HarmonizerModel model, MelodyFrames f, int key, int center, int t, int s, float scale, ReadOnlySpan<uint> patterns, float[] target)
    {
        const int P = HarmonyFeatureLayout.PhraseBars, E = HarmonyFeatureLayout.EndBars;
        var q = model.StateQuality[s];
        for (var z = 0; z < MelodyFrames.Scopes; z++)
        {
            var weights = f.PitchWeights[z];
            for (var pc = 0; pc < 12; pc++)
            {
                var v = weights[t * 12 + pc];
                if (v == 0) continue;
                var inKey = (pc - key + 12) % 12;
                target[L.ChordInterval(z, q, (inKey - model.StateRoot[s] + 12) % 12)] += scale * v;
                target[L.ChordInKey(z, s, inKey)] += scale * v;
            }
        }
        target[L.Prior(s)] += scale;
        foreach (var pattern in patterns) target[L.Pattern(pattern, s)] += scale * HarmonizerModel.PatternValue;
        target[L.PhrasePrior(f.PhraseBar(t, P), s)] += scale;
        var onset = f.OnsetPitchClass[t];
        if (onset >= 0)
        {
            var inKey = (onset - key + 12) % 12;
            target[L.OnsetInterval(f.Strength[t], q, (inKey - model.StateRoot[s] + 12) % 12)] += scale;
            target[L.OnsetInKey(f.Strength[t], s, inKey)] += scale;
        }
        var fromEnd = f.LastBar - f.Bar[t];
        if (f.BarInTune[t] <= 1) target[L.FirstBars(s)] += scale;
        if (fromEnd < E) target[L.LastBar(fromEnd, s)] += scale;
        if (t == f.Count - 1) target[L.LastFrame(s)] += scale;
        target[L.CenterPrior(center, s)] += scale;
        target[L.CenterPhrase(center, f.PhraseBar(t, P), s)] += scale;
        if (f.BarInTune[t] <= 1) target[L.CenterFirstBars(center, s)] += scale;
        if (fromEnd < E) target[L.CenterLastBar(center, fromEnd, s)] += scale;
        if (t == f.Count - 1) target[L.CenterLastFrame(center, s)] += scale;
    }

    /// <summary>The features of leaving chord <paramref name="p"/> at frame <paramref name="t"/> after it lasted <paramref name="run"/> frames.</summary>
    internal static void AddLeave(HarmonyFeatureLayout L, MelodyFrames f, int t, int p, int run, float scale, float[] target)
    {
        target[L.Change(f, t)] += scale;
        target[L.ChangeAfter(f, t) + run - 1] += scale;
        target[L.LeaveAfter(p) + run - 1] += scale;
        target[L.ChangeInPhrase(f, t)] += scale;
    }

    /// <summary>The features of changing from chord <paramref name="p"/> to <paramref name="s"/> at frame <paramref name="t"/>.</summary>
    internal static void AddPair(HarmonyFeatureLayout L, MelodyFrames f, int t, int p, int s, float scale, float[] target)
    {
        target[L.Pair(p, s)] += scale;
        if (f.Position[t] == 0) target[L.PairAtBar(p, s)] += scale;
    }

    /// <summary>The key-only features of major tonic <paramref name="key"/>.</summary>
    internal static void AddKey(HarmonyFeatureLayout L, MelodyFrames f, int key, int center, float scale, float[] target)
    {
        for (var pc = 0; pc < 12; pc++)
        {
            target[L.KeyPitch((pc - key + 12) % 12)] += scale * f.KeyProfile[pc];
            target[L.CenterKeyPitch(center, (pc - key + 12) % 12)] += scale * f.KeyProfile[pc];
        }
        if (f.FirstPitchClass >= 0)
        {
            target[L.KeyFirst((f.FirstPitchClass - key + 12) % 12)] += scale;
            target[L.CenterKeyFirst(center, (f.FirstPitchClass - key + 12) % 12)] += scale;
        }
        if (f.LastPitchClass >= 0) target[L.KeyLast((f.LastPitchClass - key + 12) % 12)] += scale;
    }
}
