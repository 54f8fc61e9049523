namespace Zordic.Server.Fanout;

/// <summary>
/// The latest ops of a session's project as their <c>{"seq", "op"}</c> JSON, by log position, in a ring
/// of fixed size: every member sends from here, each from where it is, so a member that falls behind
/// costs nothing but the ops it reads. One that falls further behind than the ring reads the op log.
/// Log positions of one project are consecutive, so an op's slot follows from its position.
/// </summary>
sealed class RecentOperations(int capacity)
{
    readonly byte[][] _ring = new byte[capacity][];
    long _first = 1, _last; // positions held: _first.._last (none when _last < _first)

    public long Last => _last;

    public void Add(long sequence, byte[] fragment)
    {
        if (_last < _first || sequence != _last + 1) _first = sequence; // the first op, or after a gap: start afresh
        _last = sequence;
        _ring[sequence % capacity] = fragment;
        if (_last - _first >= capacity) _first = _last - capacity + 1;
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the ops after <paramref name="after"/>, at most <paramref name="max"/>;
    /// false when the first of them is no longer held.
    /// </summary>
    public bool TryCopy(long after, int max, List<byte[]> into)
    {
        if (after >= _last) return true;
        if (after + 1 < _first) return false;
        for (var sequence = after + 1; sequence <= _last && into.Count < max; sequence++) into.Add(_ring[sequence % capacity]);
        return true;
    }
}
