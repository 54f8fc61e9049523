using Zordic.Collab.Operations;

namespace Zordic.Collab.Replica;

/// <summary>
/// A last-writer-wins register: keeps the value written by the greatest <see cref="OpStamp"/>.
/// Writing is commutative, associative and idempotent, which is all a CRDT register needs.
/// </summary>
internal struct Lww<T>
{
    public T Value;
    public OpStamp Stamp;

    public readonly bool IsSet => Stamp.OpId is not null;

    /// <summary>Stores the value when its stamp beats the current one; true when it did.</summary>
    public bool Set(T value, in OpStamp stamp)
    {
        if (IsSet && stamp <= Stamp) return false;
        Value = value;
        Stamp = stamp;
        return true;
    }
}
