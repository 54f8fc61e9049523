using System.Text;
using CsCheck;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;

namespace Zordic.Collab.Tests.Replica;

public sealed class ConvergenceProperties
{
    static readonly Gen<EditStep> Step =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 9], Gen.Int[0, 1000], Gen.Int[0, 10_000], (u, a, p, m) => new EditStep(u, a, p, m));

    static readonly Gen<(int Users, EditStep[] Steps, int Seed)> Traces =
        Gen.Select(Gen.Int[3, 4], Step.Array[1, 150], Gen.Int);

    [Fact]
    public void Replicas_fed_the_same_ops_in_any_order_with_duplicates_end_byte_identical() =>
        Traces.Sample((users, steps, seed) =>
        {
            var ops = EditTrace.Play(users, steps);
            var reference = Replay(ops);
            var expected = ReplicaSnapshot.Write(reference);
            var random = new Random(seed);
            for (var replica = 0; replica < 3; replica++)
            {
                var delivery = ops.Concat(ops.Where(_ => random.Next(4) == 0)).OrderBy(_ => random.Next()).ToList();
                var actual = ReplicaSnapshot.Write(Replay(delivery));
                if (!expected.AsSpan().SequenceEqual(actual))
                    return Fail($"replica {replica} differs:\n{Encoding.UTF8.GetString(expected)}\n{Encoding.UTF8.GetString(actual)}");
            }
            return true;
        }, iter: 1000);

    [Fact]
    public void The_replica_shows_what_a_naive_evaluation_of_the_op_set_gives() =>
        Traces.Sample((users, steps, seed) =>
        {
            var ops = EditTrace.Play(users, steps);
            var shuffled = ops.OrderBy(_ => new Random(seed).Next()).ToList();
            var actual = DocumentText.Of(Replay(shuffled).ToDocument());
            var expected = DocumentText.Of(NaiveDocument.Evaluate("p", ops));
            return actual == expected || Fail($"replica:\n{actual}\nnaive:\n{expected}");
        }, iter: 1000);

    [Fact]
    public void A_snapshot_reads_back_to_the_same_state_and_keeps_converging() =>
        Traces.Sample((users, steps, seed) =>
        {
            var ops = EditTrace.Play(users, steps);
            var cut = ops.Count == 0 ? 0 : (int)((uint)seed % (uint)ops.Count);
            var restored = ReplicaSnapshot.Read(ReplicaSnapshot.Write(Replay(ops.Take(cut))));
            foreach (var op in ops.Skip(cut)) Assert.Null(restored.Apply(op));
            return ReplicaSnapshot.Write(restored).AsSpan().SequenceEqual(ReplicaSnapshot.Write(Replay(ops)))
                && restored.VersionVector.Equals(Replay(ops).VersionVector);
        }, iter: 1000);

    static ProjectReplica Replay(IEnumerable<CollaborativeOperation> ops)
    {
        var replica = new ProjectReplica("p");
        foreach (var op in ops)
        {
            var rejection = replica.Apply(op);
            if (rejection is not null) throw new InvalidOperationException($"generated op refused: {rejection}");
        }
        return replica;
    }

    static bool Fail(string message) => throw new Xunit.Sdk.XunitException(message);
}
