using Zordic.Music.Theory;

namespace Zordic.Agents.Harmony;

/// <summary>
/// A linear chain model over chords on an eighth-note grid, trained as a conditional random field on the
/// Nottingham melody/chord pairs (<see cref="Training.HarmonizerTrainer"/>). Chords are relative to the key;
/// the key itself is decoded jointly (the best-scoring of the few keys the melody's pitch profile allows),
/// so it needs nothing but the melody.
/// </summary>
public sealed class HarmonizerModel
{
    internal HarmonyFeatureLayout Layout { get; }
    internal float[] Weights { get; }
    /// <summary>Root of each state, in semitones above the key's major tonic.</summary>
    internal int[] StateRoot { get; }
    internal ChordQuality[] StateQuality { get; }
    /// <summary>The mean pitch-class profile of the training melodies, relative to the major tonic.</summary>
    internal float[] KeyProfile { get; }
    /// <summary>How many keys (best by profile correlation) are decoded in full.</summary>
    internal int CandidateKeys { get; }

    internal HarmonizerModel(int[] stateRoot, ChordQuality[] stateQuality, float[] weights, float[] keyProfile, int candidateKeys)
    {
        StateRoot = stateRoot;
        StateQuality = stateQuality;
        Layout = new HarmonyFeatureLayout(stateRoot.Length);
        if (weights.Length != Layout.Size) throw new InvalidDataException($"harmonizer weights: expected {Layout.Size}, got {weights.Length}");
        Weights = weights;
        KeyProfile = keyProfile;
        CandidateKeys = candidateKeys;
    }

    public int StateCount => StateRoot.Length;

    /// <summary>The candidate major tonics for a melody, best first by correlation with the learned profile.</summary>
    internal int[] CandidateTonics(MelodyFrames frames, int count)
    {
        Span<double> score = stackalloc double[12];
        for (var k = 0; k < 12; k++)
        {
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (var pc = 0; pc < 12; pc++)
            {
                double x = frames.KeyProfile[(pc + k) % 12], y = KeyProfile[pc];
                sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
            }
            var cov = sxy - sx * sy / 12;
            var den = Math.Sqrt((sxx - sx * sx / 12) * (syy - sy * sy / 12));
            score[k] = den > 0 ? cov / den : 0;
        }
        var order = Enumerable.Range(0, 12).ToArray();
        var copy = score.ToArray();
        Array.Sort(order, (a, b) => copy[b] != copy[a] ? copy[b].CompareTo(copy[a]) : a.CompareTo(b));
        return order[..Math.Min(count, 12)];
    }

    /// <summary>Emission scores [frame × states + state] for major tonic <paramref name="key"/>.</summary>
    internal void Emissions(MelodyFrames f, int key, float[] scores)
    {
        var L = Layout;
        var S = StateCount;
        var w = Weights;
        Array.Clear(scores, 0, f.Count * S);
        Span<uint> patterns = stackalloc uint[MelodyPatterns.Count];
        for (var t = 0; t < f.Count; t++)
        {
            var row = t * S;
            for (var z = 0; z < MelodyFrames.Scopes; z++)
            {
                var weights = f.PitchWeights[z];
                for (var pc = 0; pc < 12; pc++)
                {
                    var v = weights[t * 12 + pc];
                    if (v == 0) continue;
                    var inKey = (pc - key + 12) % 12;
                    for (var s = 0; s < S; s++)
                    {
                        var interval = (inKey - StateRoot[s] + 12) % 12;
                        scores[row + s] += v * (w[L.ChordInterval(z, StateQuality[s], interval)] + w[L.ChordInKey(z, s, inKey)]);
                    }
                }
            }
            var patternCount = MelodyPatterns.Collect(f, key, t, patterns);
            for (var s = 0; s < S; s++)
                for (var i = 0; i < patternCount; i++) scores[row + s] += PatternValue * w[L.Pattern(patterns[i], s)];
            var onset = f.OnsetPitchClass[t];
            var phrase = f.PhraseBar(t, HarmonyFeatureLayout.PhraseBars);
            var strength = f.Strength[t];
            var fromEnd = f.LastBar - f.Bar[t];
            for (var s = 0; s < S; s++)
            {
                var score = w[L.Prior(s)] + w[L.PhrasePrior(phrase, s)];
                if (onset >= 0)
                {
                    var inKey = (onset - key + 12) % 12;
                    score += w[L.OnsetInterval(strength, StateQuality[s], (inKey - StateRoot[s] + 12) % 12)] + w[L.OnsetInKey(strength, s, inKey)];
                }
                if (f.BarInTune[t] <= 1) score += w[L.FirstBars(s)];
                if (fromEnd < HarmonyFeatureLayout.EndBars) score += w[L.LastBar(fromEnd, s)];
                if (t == f.Count - 1) score += w[L.LastFrame(s)];
                scores[row + s] += score;
            }
        }
    }

    /// <summary>
    /// The weight of each melodic pattern's term (<see cref="MelodyPatterns"/>) next to the dense features':
    /// half as much as the rest, chosen on the validation folds (a full weight fitted the training tunes
    /// more and the held-out ones less).
    /// </summary>
    internal const float PatternValue = 0.5f;

    /// <summary>Adds the tonal centre's per-state terms to emission scores computed by <see cref="Emissions"/>.</summary>
    internal void AddCenter(MelodyFrames f, int center, float[] scores)
    {
        var L = Layout;
        var S = StateCount;
        var w = Weights;
        for (var t = 0; t < f.Count; t++)
        {
            var row = t * S;
            var phrase = f.PhraseBar(t, HarmonyFeatureLayout.PhraseBars);
            var fromEnd = f.LastBar - f.Bar[t];
            for (var s = 0; s < S; s++)
            {
                var score = w[L.CenterPrior(center, s)] + w[L.CenterPhrase(center, phrase, s)];
                if (f.BarInTune[t] <= 1) score += w[L.CenterFirstBars(center, s)];
                if (fromEnd < HarmonyFeatureLayout.EndBars) score += w[L.CenterLastBar(center, fromEnd, s)];
                if (t == f.Count - 1) score += w[L.CenterLastFrame(center, s)];
                scores[row + s] += score;
            }
        }
    }

    /// <summary>The key-only part of the score: how well the melody's profile, first and last notes fit the key and centre.</summary>
    internal float KeyScore(MelodyFrames f, int key, int center)
    {
        var L = Layout;
        float score = 0;
        for (var pc = 0; pc < 12; pc++)
        {
            var inKey = (pc - key + 12) % 12;
            score += f.KeyProfile[pc] * (Weights[L.KeyPitch(inKey)] + Weights[L.CenterKeyPitch(center, inKey)]);
        }
        if (f.FirstPitchClass >= 0)
        {
            var inKey = (f.FirstPitchClass - key + 12) % 12;
            score += Weights[L.KeyFirst(inKey)] + Weights[L.CenterKeyFirst(center, inKey)];
        }
        if (f.LastPitchClass >= 0) score += Weights[L.KeyLast((f.LastPitchClass - key + 12) % 12)];
        return score;
    }

    /// <summary>
    /// Best state sequence for one key (Viterbi); returns its score and fills <paramref name="path"/>. The
    /// search runs over (chord, frames it has lasted up to <see cref="HarmonyFeatureLayout.Runs"/>), so a
    /// change can be scored by how long the chord before it lasted: chords mostly hold a bar or a half bar.
    /// <paramref name="delta"/> and <paramref name="back"/> hold frames × states × runs.
    /// </summary>
    internal float Viterbi(MelodyFrames f, float[] emissions, int[] path, float[] delta, int[] back)
    {
        var L = Layout;
        var S = StateCount;
        const int R = HarmonyFeatureLayout.Runs;
        var w = Weights;
        var T = f.Count;
        Span<float> leave = stackalloc float[S];
        Span<int> leaveArg = stackalloc int[S];
        Array.Fill(delta, float.NegativeInfinity, 0, S * R);
        for (var s = 0; s < S; s++) delta[s * R] = emissions[s];
        for (var t = 1; t < T; t++)
        {
            var change = w[L.Change(f, t)] + w[L.ChangeInPhrase(f, t)];
            var after = L.ChangeAfter(f, t);
            var atBar = f.Position[t] == 0;
            var prev = (t - 1) * S * R;
            var cur = t * S * R;
            // The best way to leave each chord here: over how long it has lasted.
            for (var p = 0; p < S; p++)
            {
                var best = float.NegativeInfinity;
                var arg = 0;
                var leaveAfter = L.LeaveAfter(p);
                for (var d = 0; d < R; d++)
                {
                    var v = delta[prev + p * R + d] + w[after + d] + w[leaveAfter + d];
                    if (v > best) { best = v; arg = d; }
                }
                leave[p] = best + change;
                leaveArg[p] = p * R + arg;
            }
            for (var s = 0; s < S; s++)
            {
                var e = emissions[t * S + s];
                // Staying costs nothing and lengthens the run.
                for (var d = 1; d < R; d++)
                {
                    delta[cur + s * R + d] = delta[prev + s * R + d - 1] + e;
                    back[cur + s * R + d] = s * R + d - 1;
                }
                if (delta[prev + s * R + R - 1] > delta[prev + s * R + R - 2])
                {
                    delta[cur + s * R + R - 1] = delta[prev + s * R + R - 1] + e;
                    back[cur + s * R + R - 1] = s * R + R - 1;
                }
                // Changing pays the metrical bias, the run's and the pair's weights.
                var bestChange = float.NegativeInfinity;
                var argChange = 0;
                for (var p = 0; p < S; p++)
                {
                    if (p == s) continue;
                    var v = leave[p] + w[L.Pair(p, s)] + (atBar ? w[L.PairAtBar(p, s)] : 0);
                    if (v > bestChange) { bestChange = v; argChange = leaveArg[p]; }
                }
                delta[cur + s * R] = bestChange + e;
                back[cur + s * R] = argChange;
            }
        }
        var last = (T - 1) * S * R;
        var bestIndex = 0;
        for (var i = 1; i < S * R; i++) if (delta[last + i] > delta[last + bestIndex]) bestIndex = i;
        var total = delta[last + bestIndex];
        for (var t = T - 1; t >= 0; t--)
        {
            path[t] = bestIndex / R;
            if (t > 0) bestIndex = back[t * S * R + bestIndex];
        }
        return total;
    }

    /// <summary>The tonal centre in key <paramref name="key"/>: the last melody note, in semitones above the major tonic.</summary>
    internal static int CenterOf(MelodyFrames f, int key) => f.LastPitchClass >= 0 ? (f.LastPitchClass - key + 12) % 12 : 0;

    /// <summary>Emission scores with the tonal centre's terms, for major tonic <paramref name="key"/>.</summary>
    internal void Emissions(MelodyFrames f, int key, float[] scores, int center)
    {
        Emissions(f, key, scores);
        AddCenter(f, center, scores);
    }

    /// <summary>
    /// Decodes the best key and chord sequence: (major tonic, state per frame). A <paramref name="preferredKey"/>
    /// (the project's major tonic) among the melody's candidate keys has <paramref name="preference"/> added to
    /// its score.
    /// </summary>
    internal (int Key, int[] Path) Decode(MelodyFrames f, int? fixedKey = null, int? preferredKey = null, float preference = 0)
    {
        var S = StateCount;
        var emissions = new float[f.Count * S];
        var delta = new float[f.Count * S * HarmonyFeatureLayout.Runs];
        var back = new int[f.Count * S * HarmonyFeatureLayout.Runs];
        var path = new int[f.Count];
        int[] bestPath = [];
        var bestKey = 0;
        var bestScore = float.NegativeInfinity;
        foreach (var key in fixedKey is { } k ? [k] : CandidateTonics(f, CandidateKeys))
        {
            var center = CenterOf(f, key);
            Emissions(f, key, emissions, center);
            var score = Viterbi(f, emissions, path, delta, back) + KeyScore(f, key, center) + (key == preferredKey ? preference : 0);
            if (score > bestScore) { bestScore = score; bestKey = key; bestPath = (int[])path.Clone(); }
        }
        return (bestKey, bestPath);
    }

    /// <summary>The chord a state means in the key with major tonic <paramref name="key"/>.</summary>
    internal Chord ChordOf(int state, int key) => new((PitchClass)((StateRoot[state] + key) % 12), StateQuality[state]);

    /// <summary>The state index of a chord relative to a major tonic, or −1 when the model has no such state.</summary>
    internal int StateOf(Chord chord, int key)
    {
        var root = ((int)chord.Root - key + 12) % 12;
        for (var s = 0; s < StateCount; s++) if (StateRoot[s] == root && StateQuality[s] == chord.Quality) return s;
        return -1;
    }
}
