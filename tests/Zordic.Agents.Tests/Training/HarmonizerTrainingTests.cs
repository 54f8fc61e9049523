using CsCheck;
using Zordic.Agents.Harmony;
using Zordic.Agents.Models;
using Zordic.Agents.Training;
using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Agents.Tests.Training;

/// <summary>
/// The harmonizer's likelihood training: its exp and log, and the lattice sums checked against every chord
/// sequence of a short melody scored through the feature vector, so the gradient is the true one.
/// </summary>
public sealed class HarmonizerTrainingTests
{
    [Fact]
    public void Exp_and_log_agree_with_the_platform_s()
    {
        Gen.Double[-700, 700].Sample(x =>
        {
            var expected = Math.Exp(x);
            return Math.Abs(LogSpace.Exp(x) - expected) <= 1e-8 * expected;
        });
        Gen.Double[-690, 690].Sample(e =>
        {
            var y = Math.Exp(e);
            return Math.Abs(LogSpace.Log(y) - Math.Log(y)) <= 1e-9 * Math.Max(1, Math.Abs(e));
        });
        Assert.Equal(0, LogSpace.Exp(double.NegativeInfinity));
        Assert.Equal(double.NegativeInfinity, LogSpace.Log(0));
    }

    [Fact]
    public void Sums_in_log_space_equal_the_direct_sums()
    {
        Gen.Float[-50, 50].Array[1, 20].Sample(xs =>
        {
            var direct = Math.Log(xs.Sum(x => Math.Exp(x)));
            return Math.Abs(LogSpace.SumExp(xs) - direct) <= 1e-5 * Math.Max(1, Math.Abs(direct))
                && Math.Abs(LogSpace.Add(xs[0], xs[^1]) - Math.Log(Math.Exp(xs[0]) + Math.Exp(xs[^1]))) <= 1e-5 * Math.Max(1, Math.Abs(direct));
        });
        Assert.Equal(float.NegativeInfinity, LogSpace.SumExp([float.NegativeInfinity, float.NegativeInfinity]));
    }

    [Fact]
    public void The_lattice_sums_every_chord_sequence_as_the_features_score_it()
    {
        var model = AgentModels.Default.Harmonizer;
        // G, B, D as three eighth notes: three frames, so all 18³ sequences can be listed.
        List<MidiNote> melody = [new(0, 240, 67, 90), new(240, 240, 71, 90), new(480, 240, 74, 90)];
        var f = new MelodyFrames(melody, TimeSignature.Common, 720);
        Assert.Equal(3, f.Count);
        const int key = 7;
        var center = HarmonizerModel.CenterOf(f, key);
        var S = model.StateCount;
        var L = model.Layout;

        // Each sequence's score through the feature vector (the key-only part left out, as the lattice does).
        var keyOnly = model.KeyScore(f, key, center);
        var phi = new float[L.Size];
        var scores = new List<(int[] Path, double Score)>();
        foreach (var path in Sequences(S, f.Count))
        {
            Array.Clear(phi);
            HarmonizerFeatures.Accumulate(L, model, f, key, path, 1f, phi);
            double score = 0;
            for (var i = 0; i < phi.Length; i++) if (phi[i] != 0) score += (double)phi[i] * model.Weights[i];
            scores.Add((path, score - keyOnly));
        }
        var max = scores.Max(s => s.Score);
        var logZ = max + Math.Log(scores.Sum(s => Math.Exp(s.Score - max)));

        var lattice = new ChordLattice(model);
        var emissions = new float[f.Count * S];
        model.Emissions(f, key, emissions, center);
        var alpha = new float[f.Count * S * HarmonyFeatureLayout.Runs];
        var latticeLogZ = lattice.Forward(f, emissions, alpha);
        Assert.Equal(logZ, latticeLogZ, 1e-3 * Math.Max(1, Math.Abs(logZ)));

        // The expected features: Σ P(sequence) φ(sequence), against the backward pass's marginals.
        var expected = new double[L.Size];
        foreach (var (path, score) in scores)
        {
            var p = Math.Exp(score - logZ);
            Array.Clear(phi);
            HarmonizerFeatures.Accumulate(L, model, f, key, path, 1f, phi);
            for (var i = 0; i < phi.Length; i++) if (phi[i] != 0) expected[i] += p * phi[i];
        }
        var fromLattice = new float[L.Size];
        lattice.Expect(f, key, center, emissions, alpha, new float[alpha.Length], latticeLogZ, 1f, fromLattice);
        HarmonizerFeatures.AddKey(L, f, key, center, 1f, fromLattice); // the key-only part, the same on every path
        var compared = 0;
        for (var i = 0; i < L.Size; i++)
        {
            if (Math.Abs(expected[i]) < 1e-6 && fromLattice[i] == 0) continue;
            compared++;
            Assert.True(Math.Abs(expected[i] - fromLattice[i]) <= 1e-3 * Math.Max(1, Math.Abs(expected[i])),
                $"feature {i}: listed {expected[i]}, lattice {fromLattice[i]}");
        }
        Assert.True(compared > 100, $"only {compared} features compared");
    }

    static IEnumerable<int[]> Sequences(int states, int length)
    {
        var path = new int[length];
        while (true)
        {
            yield return (int[])path.Clone();
            var i = length - 1;
            while (i >= 0 && ++path[i] == states) path[i--] = 0;
            if (i < 0) yield break;
        }
    }
}
