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
        var S = L.States;
        const int P = HarmonyFeatureLayout.PhraseBars, E = HarmonyFeatureLayout.EndBars;
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
        foreach (var pattern in patterns) target[model.PatternIndex(pattern, s)] += scale * HarmonizerModel.PatternValue;
        target[L.PhrasePrior + f.PhraseBar(t, P) * S + s] += scale;
        var onset = f.OnsetPitchClass[t];
        if (onset >= 0)
        {
            var inKey = (onset - key + 12) % 12;
            target[L.OnsetInterval + (f.Strength[t] * HarmonyFeatureLayout.Qualities + q) * 12 + (inKey - model.StateRoot[s] + 12) % 12] += scale;
            target[L.OnsetInKey + (f.Strength[t] * S + s) * 12 + inKey] += scale;
        }
        if (f.BarInTune[t] <= 1) target[L.FirstBars + s] += scale;
        if (f.LastBar - f.Bar[t] < E) target[L.LastBar + (f.LastBar - f.Bar[t]) * S + s] += scale;
        if (t == f.Count - 1) target[L.LastFrame + s] += scale;
        target[L.CenterPrior + center * S + s] += scale;
        target[L.CenterPhrase + (center * P + f.PhraseBar(t, P)) * S + s] += scale;
        if (f.BarInTune[t] <= 1) target[L.CenterFirstBars + center * S + s] += scale;
        if (f.LastBar - f.Bar[t] < E) target[L.CenterLastBar + (center * E + f.LastBar - f.Bar[t]) * S + s] += scale;
        if (t == f.Count - 1) target[L.CenterLastFrame + center * S + s] += scale;
    }

    /// <summary>The features of leaving chord <paramref name="p"/> at frame <paramref name="t"/> after it lasted <paramref name="run"/> frames.</summary>
    internal static void AddLeave(HarmonyFeatureLayout L, MelodyFrames f, int t, int p, int run, float scale, float[] target)
    {
        const int P = HarmonyFeatureLayout.PhraseBars, R = HarmonyFeatureLayout.Runs;
        var position = Math.Min(f.Position[t], MelodyFrames.MaxPosition - 1);
        target[L.Change + f.MeterGroup * MelodyFrames.MaxPosition + position] += scale;
        target[L.ChangeAfter + (f.MeterGroup * MelodyFrames.MaxPosition + position) * R + run - 1] += scale;
        target[L.LeaveAfter + p * R + run - 1] += scale;
        target[L.ChangeInPhrase + (f.MeterGroup * P + f.PhraseBar(t, P)) * MelodyFrames.MaxPosition + position] += scale;
    }

    /// <summary>The features of changing from chord <paramref name="p"/> to <paramref name="s"/> at frame <paramref name="t"/>.</summary>
    internal static void AddPair(HarmonyFeatureLayout L, MelodyFrames f, int t, int p, int s, float scale, float[] target)
    {
        target[L.Pair + p * L.States + s] += scale;
        if (f.Position[t] == 0) target[L.PairAtBar + p * L.States + s] += scale;
    }

    /// <summary>The key-only features of major tonic <paramref name="key"/>.</summary>
    internal static void AddKey(HarmonyFeatureLayout L, MelodyFrames f, int key, int center, float scale, float[] target)
    {
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
