using System.Collections;

namespace Zordic.Collab.Operations;

/// <summary>
/// How many operations of each editing session (actor) a replica or an operation has seen. Keys are
/// session ids, not user ids: one person in two browser tabs is two replicas, and their counters must
/// not collide. Immutable; <see cref="With"/> and <see cref="Merge"/> return new vectors.
/// </summary>
public sealed class VersionVector : IReadOnlyDictionary<string, long>, IEquatable<VersionVector>
{
    public static readonly VersionVector Empty = new(new SortedDictionary<string, long>(StringComparer.Ordinal));

    // Sorted so that serialization is canonical: equal vectors are equal bytes.
    readonly SortedDictionary<string, long> _entries;

    VersionVector(SortedDictionary<string, long> entries) => _entries = entries;

    public static VersionVector From(IEnumerable<KeyValuePair<string, long>> entries)
    {
        var sorted = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (actor, seq) in entries)
        {
            if (seq > 0) sorted[actor] = seq;
        }
        return new VersionVector(sorted);
    }

    /// <summary>The counter of <paramref name="actor"/>, 0 when it has never been seen.</summary>
    public long this[string actor] => _entries.TryGetValue(actor, out var seq) ? seq : 0;

    /// <summary>Sum of all counters: a Lamport clock, strictly larger for an op than for every op it has seen.</summary>
    public long Sum
    {
        get
        {
            long sum = 0;
            foreach (var seq in _entries.Values) sum += seq;
            return sum;
        }
    }

    public VersionVector With(string actor, long seq)
    {
        var copy = new SortedDictionary<string, long>(_entries, StringComparer.Ordinal) { [actor] = seq };
        return new VersionVector(copy);
    }

    /// <summary>The entry-wise maximum: what a replica knows after seeing both.</summary>
    public VersionVector Merge(VersionVector other)
    {
        var copy = new SortedDictionary<string, long>(_entries, StringComparer.Ordinal);
        foreach (var (actor, seq) in other._entries)
        {
            if (!copy.TryGetValue(actor, out var mine) || mine < seq) copy[actor] = seq;
        }
        return new VersionVector(copy);
    }

    /// <summary>True when every counter here is ≤ the other's: everything this saw, the other saw too.</summary>
    public bool IsCoveredBy(VersionVector other)
    {
        foreach (var (actor, seq) in _entries)
        {
            if (other[actor] < seq) return false;
        }
        return true;
    }

    public int Count => _entries.Count;
    public IEnumerable<string> Keys => _entries.Keys;
    public IEnumerable<long> Values => _entries.Values;
    public bool ContainsKey(string key) => _entries.ContainsKey(key);
    public bool TryGetValue(string key, out long value) => _entries.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, long>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(VersionVector? other) =>
        other is not null && other._entries.Count == _entries.Count && IsCoveredBy(other) && other.IsCoveredBy(this);

    public override bool Equals(object? obj) => Equals(obj as VersionVector);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (actor, seq) in _entries) { hash.Add(actor); hash.Add(seq); }
        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
