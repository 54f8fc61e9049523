using CsCheck;
using Zordic.Agents.Harmony;

namespace Zordic.Agents.Tests.Harmony;

/// <summary>
/// The harmonizer's weight layout: scoring and training find every weight through it, so two features
/// sharing a weight, or a weight no feature reaches, would go unnoticed anywhere else.
/// </summary>
public sealed class HarmonyFeatureLayoutTests
{
    [Fact]
    public void Every_dense_weight_belongs_to_exactly_one_feature_and_the_patterns_hash_into_the_rest()
    {
        Gen.Int[1, 30].Sample(states =>
        {
            var L = new HarmonyFeatureLayout(states);
            var owners = new int[L.Size];
            foreach (var index in DenseIndices(L, states)) owners[index]++;
            var dense = L.Size - HarmonyFeatureLayout.PatternBuckets;
            return owners.AsSpan(0, dense).IndexOfAnyExcept(1) < 0 && owners.AsSpan(dense).IndexOfAnyExcept(0) < 0;
        }, iter: 30);
        var layout = new HarmonyFeatureLayout(18);
        Gen.Select(Gen.UInt, Gen.Int[0, 17]).Sample((pattern, state) =>
            layout.Pattern(pattern, state) >= layout.Size - HarmonyFeatureLayout.PatternBuckets && layout.Pattern(pattern, state) < layout.Size);
    }

    // Every (feature, argument) the layout offers, over each argument's whole range.
    static IEnumerable<int> DenseIndices(HarmonyFeatureLayout L, int states)
    {
        const int Q = HarmonyFeatureLayout.Qualities, P = HarmonyFeatureLayout.PhraseBars, E = HarmonyFeatureLayout.EndBars;
        const int C = HarmonyFeatureLayout.Centers, R = HarmonyFeatureLayout.Runs;
        for (var i = 0; i < 12; i++)
        {
            for (var q = 0; q < Q; q++)
            {
                for (var z = 0; z < MelodyFrames.Scopes; z++) yield return L.ChordInterval(z, (ChordQuality)q, i);
                for (var strength = 0; strength < HarmonyFeatureLayout.Strengths; strength++) yield return L.OnsetInterval(strength, (ChordQuality)q, i);
            }
            for (var s = 0; s < states; s++)
            {
                for (var z = 0; z < MelodyFrames.Scopes; z++) yield return L.ChordInKey(z, s, i);
                for (var strength = 0; strength < HarmonyFeatureLayout.Strengths; strength++) yield return L.OnsetInKey(strength, s, i);
            }
            yield return L.KeyPitch(i);
            yield return L.KeyFirst(i);
            yield return L.KeyLast(i);
            for (var c = 0; c < C; c++)
            {
                yield return L.CenterKeyPitch(c, i);
                yield return L.CenterKeyFirst(c, i);
            }
        }
        for (var s = 0; s < states; s++)
        {
            yield return L.Prior(s);
            yield return L.FirstBars(s);
            yield return L.LastFrame(s);
            for (var p = 0; p < P; p++) yield return L.PhrasePrior(p, s);
            for (var e = 0; e < E; e++) yield return L.LastBar(e, s);
            for (var c = 0; c < C; c++)
            {
                yield return L.CenterPrior(c, s);
                yield return L.CenterFirstBars(c, s);
                yield return L.CenterLastFrame(c, s);
                for (var p = 0; p < P; p++) yield return L.CenterPhrase(c, p, s);
                for (var e = 0; e < E; e++) yield return L.CenterLastBar(c, e, s);
            }
            for (var d = 0; d < R; d++) yield return L.LeaveAfter(s) + d;
            for (var to = 0; to < states; to++)
            {
                yield return L.Pair(s, to);
                yield return L.PairAtBar(s, to);
            }
        }
        for (var meter = 0; meter < MelodyFrames.MeterGroups; meter++)
        {
            for (var position = 0; position < MelodyFrames.MaxPosition; position++)
            {
                yield return L.Change(meter, position);
                for (var d = 0; d < R; d++) yield return L.ChangeAfter(meter, position) + d;
                for (var p = 0; p < P; p++) yield return L.ChangeInPhrase(meter, p, position);
            }
        }
    }
}
