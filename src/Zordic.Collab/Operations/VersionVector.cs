using System.Collections;

namespace Zordic.Collab.Operations;

/// <summary>
/// How many operations of each editing session (actor) a replica or an operation has seen. Keys are
/// session ids, not user ids: one person in two browser tabs is two replicas, and their counters must
/// not collide. Immutable; <see cref="With"/> and <see cref="Merge"/> return new vectors. Entries are
/// kept sorted by session id in two flat arrays: vectors are small, read far more often than built,
/// and sorted entries make serialization canonical (equal vectors are equal bytes).
/// </summary>
/// <remarks>
/// An operation's vector is written compactly (<see cref="Lamport"/>): its own session's count and, under
/// <see cref="PastKey"/>, the rest of its Lamport clock, so that ops stay two entries long however many
/// sessions a project has had (docs/collaboration.md, "Version vectors"). Every count and the sum stay
/// at most <see cref="MaxCount"/>, the largest integer a browser's number holds exactly.
/// </remarks>
public sealed class VersionVector : IReadOnlyDictionary<string, long>, IEquatable<VersionVector>
{
    public static readonly VersionVector Empty = new([], []);

    /// <summary>2^53 − 1: the largest count, and the largest sum, that JavaScript numbers hold exactly.</summary>
    public const long MaxCount = (1L << 53) - 1;

    /// <summary>
    /// The key of a compact vector's second entry: how far the author's causal past reaches beyond its own
    /// session's ops. Not a session id (ids cannot contain '~'), so it never names anyone's ops.
    /// </summary>
    public const string PastKey = "~";

    readonly string[] _sessions;
    readonly long[] _counts;

    VersionVector(string[] sessions, long[] counts)
    {
        _sessions = sessions;
        _counts = counts;
        var sum = 0L;
        foreach (var count in counts)
        {
            if (count is < 0 or > MaxCount) throw new ArgumentOutOfRangeException(nameof(counts), $"a version vector's counts are 0 to {MaxCount}");
            sum += count; // cannot overflow: each term is below 2^53, and it is checked below before the next
            if (sum > MaxCount) throw new ArgumentOutOfRangeException(nameof(counts), $"a version vector's counts add up to at most {MaxCount}");
        }
        Sum = sum;
    }

    /// <summary>
    /// An op's compact vector: its number <paramref name="sequence"/> in <paramref name="session"/>, and its
    /// Lamport <paramref name="clock"/> (≥ <paramref name="sequence"/>) as the sum.
    /// </summary>
    public static VersionVector Lamport(string session, long sequence, long clock)
    {
        if (clock < sequence) throw new ArgumentOutOfRangeException(nameof(clock), "an op's clock is at least its number in its session");
        return clock == sequence
            ? new VersionVector([session], [sequence])
            : From([new(session, sequence), new(PastKey, clock - sequence)]);
    }

    /// <summary>A vector of the positive counts given; a session given twice keeps its larger count.</summary>
    public static VersionVector From(IEnumerable<KeyValuePair<string, long>> entries)
    {
        var list = entries.Where(e => e.Value > 0).ToList();
        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var sessions = new List<string>(list.Count);
        var counts = new List<long>(list.Count);
        foreach (var (session, count) in list)
        {
            if (sessions.Count > 0 && sessions[^1] == session)
            {
                counts[^1] = Math.Max(counts[^1], count);
                continue;
            }
            sessions.Add(session);
            counts.Add(count);
        }
        return new VersionVector([.. sessions], [.. counts]);
    }

    /// <summary>Takes arrays already sorted by session, without duplicates or zeros (as the JSON reader checks).</summary>
    internal static VersionVector FromCanonical(string[] sessions, long[] counts) => new(sessions, counts);

    /// <summary>The counter of <paramref name="session"/>, 0 when it has never been seen.</summary>
    public long this[string session] => IndexOf(session) is var i and >= 0 ? _counts[i] : 0;

    /// <summary>Sum of all counters: a Lamport clock, strictly larger for an op than for every op it has seen.</summary>
    public long Sum { get; }

    public VersionVector With(string session, long count)
    {
        var i = IndexOf(session);
        if (i >= 0)
        {
            var counts = (long[])_counts.Clone();
            counts[i] = count;
            return new VersionVector(_sessions, counts);
        }
        var at = ~i;
        return new VersionVector([.. _sessions[..at], session, .. _sessions[at..]], [.. _counts[..at], count, .. _counts[at..]]);
    }

    /// <summary>The entry-wise maximum: what a replica knows after seeing both.</summary>
    public VersionVector Merge(VersionVector other) => From(this.Concat(other));

    /// <summary>True when every counter here is ≤ the other's: everything this saw, the other saw too.</summary>
    public bool IsCoveredBy(VersionVector other)
    {
        for (var i = 0; i < _sessions.Length; i++)
        {
            if (other[_sessions[i]] < _counts[i]) return false;
        }
        return true;
    }

    int IndexOf(string session) => Array.BinarySearch(_sessions, session, StringComparer.Ordinal);

    public int Count => _sessions.Length;
    public IEnumerable<string> Keys => _sessions;
    public IEnumerable<long> Values => _counts;
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out long value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _counts[i] : 0;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, long>> GetEnumerator()
    {
        for (var i = 0; i < _sessions.Length; i++) yield return new(_sessions[i], _counts[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(VersionVector? other) =>
        other is not null && _sessions.AsSpan().SequenceEqual(other._sessions) && _counts.AsSpan().SequenceEqual(other._counts);

    public override bool Equals(object? obj) => Equals(obj as VersionVector);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < _sessions.Length; i++) { hash.Add(_sessions[i]); hash.Add(_counts[i]); }
        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", this.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
