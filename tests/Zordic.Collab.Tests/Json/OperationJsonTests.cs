using System.Text;
using CsCheck;
using Zordic.Collab.Json;

namespace Zordic.Collab.Tests.Json;

public sealed class OperationJsonTests
{
    [Fact]
    public void Every_generated_op_reads_back_from_its_json_to_the_same_bytes() =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 9], Gen.Int[0, 1000], Gen.Int[0, 10_000], (u, a, p, m) => new EditStep(u, a, p, m)).Array[1, 60]
            .Sample(steps =>
            {
                foreach (var op in EditTrace.Play(3, steps))
                {
                    var bytes = CollabJson.Serialize(op);
                    var back = CollabJson.ParseOperation(bytes);
                    if (!CollabJson.Serialize(back).AsSpan().SequenceEqual(bytes)) return false;
                    if (!back.VersionVector.Equals(op.VersionVector) || back.Sequence != op.Sequence || !back.Path.SequenceEqual(op.Path)) return false;
                }
                return true;
            }, iter: 300);

    [Fact]
    public void A_version_vector_in_any_order_with_zeros_reads_as_the_canonical_vector()
    {
        var op = CollabJson.ParseOperation("""
            {"version_vector":{"s2":4,"s1":7,"gone":0},"op_id":"o","user_id":"u","session_id":"s1","type":"update","path":["bpm"],"value":90,"timestamp":5,"future_field":{"x":[1,2]}}
            """u8);
        Assert.Equal(["s1", "s2"], op.VersionVector.Keys);
        Assert.Equal(11, op.VersionVector.Sum);
        Assert.Equal(7, op.Sequence);
        Assert.Equal("""{"op_id":"o","user_id":"u","session_id":"s1","type":"update","path":["bpm"],"value":90,"version_vector":{"s1":7,"s2":4},"timestamp":5}""",
            Encoding.UTF8.GetString(CollabJson.Serialize(op)));
    }
}
