using Zordic.Agents.Harmony;

namespace Zordic.Agents.Training;

/// <summary>
/// Sums over every path of the (chord, run length) lattice that <see cref="HarmonizerModel.Viterbi"/> searches,
/// with the same scores: the forward pass gives log Z, the backward pass the expected features (the
/// marginal of each chord at each frame and of each change) that the likelihood's gradient subtracts.
/// </summary>
internal sealed class ChordLattice(HarmonizerModel model)
{
    const int R = HarmonyFeatureLayout.Runs;

    // The change bias at frame t, where its run-length weights start, and whether t is on a bar line.
    (float Change, int After, bool AtBar) Step(MelodyFrames f, int t)
    {
        var L = model.Layout;
        var w = model.Weights;
        return (w[L.Change(f, t)] + w[L.ChangeInPhrase(f, t)], L.ChangeAfter(f, t), f.Position[t] == 0);
    }

    float Pair(int p, int s, bool atBar)
    {
        var L = model.Layout;
        return model.Weights[L.Pair(p, s)] + (atBar ? model.Weights[L.PairAtBar(p, s)] : 0);
    }

    // log of the weight of leaving chord p (having lasted d + 1 frames) at a step, without the change bias:
    // the paths into (p, d) and the run-length weights (RunWeights alone is the backward pass's share).
    float Leave(float[] alpha, int prev, int p, int d, int after) =>
        alpha[prev + p * R + d] + model.Weights[after + d] + model.Weights[model.Layout.LeaveAfter(p) + d];

    float RunWeights(int p, int d, int after) => model.Weights[after + d] + model.Weights[model.Layout.LeaveAfter(p) + d];

    /// <summary>Fills α (frames × states × runs, log domain) for the emission scores <paramref name="e"/>; returns log Z.</summary>
    public float Forward(MelodyFrames f, float[] e, float[] alpha)
    {
        var S = model.StateCount;
        var T = f.Count;
        Span<float> leave = stackalloc float[S];
        Span<float> terms = stackalloc float[Math.Max(S, R)];
        Array.Fill(alpha, float.NegativeInfinity, 0, S * R);
        for (var s = 0; s < S; s++) alpha[s * R] = e[s];
        for (var t = 1; t < T; t++)
        {
            var (change, after, atBar) = Step(f, t);
            var prev = (t - 1) * S * R;
            var cur = t * S * R;
            for (var p = 0; p < S; p++)
            {
                for (var d = 0; d < R; d++) terms[d] = Leave(alpha, prev, p, d, after);
                leave[p] = LogSpace.SumExp(terms[..R]) + change;
            }
            for (var s = 0; s < S; s++)
            {
                var es = e[t * S + s];
                for (var d = 1; d < R - 1; d++) alpha[cur + s * R + d] = alpha[prev + s * R + d - 1] + es;
                alpha[cur + s * R + R - 1] = LogSpace.Add(alpha[prev + s * R + R - 2], alpha[prev + s * R + R - 1]) + es;
                var n = 0;
                for (var p = 0; p < S; p++) if (p != s) terms[n++] = leave[p] + Pair(p, s, atBar);
                alpha[cur + s * R] = LogSpace.SumExp(terms[..n]) + es;
            }
        }
        return LogSpace.SumExp(alpha.AsSpan((T - 1) * S * R, S * R));
    }

    /// <summary>
    /// Adds <paramref name="scale"/> × the expected features of key <paramref name="key"/> and centre
    /// <paramref name="center"/> (α from <see cref="Forward"/>, its log Z <paramref name="logZ"/>) to
    /// <paramref name="target"/>, running the backward pass in <paramref name="beta"/>.
    /// </summary>
    public void Expect(MelodyFrames f, int key, int center, float[] e, float[] alpha, float[] beta, float logZ, float scale, float[] target)
    {
        var L = model.Layout;
        var S = model.StateCount;
        var T = f.Count;
        Span<float> enter = stackalloc float[S];
        Span<float> leave = stackalloc float[S];
        Span<float> terms = stackalloc float[Math.Max(S, R)];
        Span<uint> patterns = stackalloc uint[MelodyPatterns.Count];
        Array.Fill(beta, 0f, (T - 1) * S * R, S * R);
        // Marginals below this add nothing the five stored digits would keep.
        const double Negligible = 1e-7;
        for (var t = T - 1; t >= 0; t--)
        {
            var cur = t * S * R;
            var patternCount = MelodyPatterns.Collect(f, key, t, patterns);
            for (var s = 0; s < S; s++)
            {
                for (var d = 0; d < R; d++) terms[d] = alpha[cur + s * R + d] + beta[cur + s * R + d];
                var mu = LogSpace.Exp(LogSpace.SumExp(terms[..R]) - logZ);
                if (mu > Negligible) HarmonizerFeatures.AddFrame(L, model, f, key, center, t, s, (float)(scale * mu), patterns[..patternCount], target);
            }
            if (t == 0) break;
            var (change, after, atBar) = Step(f, t);
            var prev = (t - 1) * S * R;
            for (var p = 0; p < S; p++)
            {
                var n = 0;
                for (var s = 0; s < S; s++) if (s != p) terms[n++] = Pair(p, s, atBar) + e[t * S + s] + beta[cur + s * R];
                enter[p] = LogSpace.SumExp(terms[..n]);
                for (var d = 0; d < R; d++) terms[d] = Leave(alpha, prev, p, d, after);
                leave[p] = LogSpace.SumExp(terms[..R]) + change;
            }
            // The changes into frame t: leaving (p, run d + 1), and the pair p → s.
            for (var p = 0; p < S; p++)
            {
                for (var d = 0; d < R; d++)
                {
                    var xi = LogSpace.Exp(Leave(alpha, prev, p, d, after) + change + enter[p] - logZ);
                    if (xi > Negligible) HarmonizerFeatures.AddLeave(L, f, t, p, d + 1, (float)(scale * xi), target);
                }
                for (var s = 0; s < S; s++)
                {
                    if (s == p) continue;
                    var xi = LogSpace.Exp(leave[p] + Pair(p, s, atBar) + e[t * S + s] + beta[cur + s * R] - logZ);
                    if (xi > Negligible) HarmonizerFeatures.AddPair(L, f, t, p, s, (float)(scale * xi), target);
                }
            }
            // β at t − 1: stay (the run grows, capped) or leave and enter another chord.
            for (var p = 0; p < S; p++)
            {
                var ep = e[t * S + p];
                for (var d = 0; d < R; d++)
                {
                    var stay = ep + beta[cur + p * R + Math.Min(d + 1, R - 1)];
                    var go = RunWeights(p, d, after) + change + enter[p];
                    beta[prev + p * R + d] = LogSpace.Add(stay, go);
                }
            }
        }
    }
}
