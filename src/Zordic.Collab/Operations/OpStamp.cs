namespace Zordic.Collab.Operations;

/// <summary>
/// The total order in which concurrent writes to one property are resolved: the last writer by this
/// order wins on every replica. <see cref="Clock"/> is the sum of the op's version vector, a Lamport
/// clock: an op that causally follows another always has a larger sum, so it always wins. Concurrent
/// ops fall back to the seed's timestamp and then to the op id, which makes the order total and the
/// outcome deterministic even when two clocks read the same millisecond.
/// </summary>
/// <remarks>
/// The seed compares version vectors pairwise and then timestamps. That relation is not transitive
/// (a causally later op may carry an earlier wall-clock time than an op concurrent with both), so
/// replicas applying ops in different orders could disagree. A total order that extends causality
/// cannot disagree.
/// </remarks>
public readonly record struct OpStamp(long Clock, long Timestamp, string OpId) : IComparable<OpStamp>
{
    public static OpStamp Of(CollaborativeOperation op) => new(op.VersionVector.Sum, op.Timestamp, op.OpId);

    public int CompareTo(OpStamp other)
    {
        var c = Clock.CompareTo(other.Clock);
        if (c != 0) return c;
        c = Timestamp.CompareTo(other.Timestamp);
        return c != 0 ? c : string.CompareOrdinal(OpId, other.OpId);
    }

    public static bool operator >(OpStamp a, OpStamp b) => a.CompareTo(b) > 0;
    public static bool operator <(OpStamp a, OpStamp b) => a.CompareTo(b) < 0;
    public static bool operator >=(OpStamp a, OpStamp b) => a.CompareTo(b) >= 0;
    public static bool operator <=(OpStamp a, OpStamp b) => a.CompareTo(b) <= 0;
}
