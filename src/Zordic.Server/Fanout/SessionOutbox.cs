using Zordic.Collab.Projects;

namespace Zordic.Server.Fanout;

/// <summary>
/// One project's session: who is in it, and the ops announced to it so far. Batches are published from
/// inside the project's gate, and joins are registered there too, so a member joining at log position S
/// is sent exactly the ops after S. Each member sends on its own (<see cref="MemberSender"/>): a member
/// that reads slowly falls behind alone, and the next sends carry more ops each.
/// </summary>
sealed class SessionOutbox(string projectId, long published, int recentCapacity)
{
    readonly object _lock = new();
    readonly Dictionary<string, MemberSender> _members = new(StringComparer.Ordinal);
    readonly RecentOperations _recent = new(recentCapacity);
    long _published = published;
    bool _closed;

    public string ProjectId { get; } = projectId;

    /// <summary>The log position of the latest op announced.</summary>
    public long Published { get { lock (_lock) return _published; } }

    public int MemberCount { get { lock (_lock) return _members.Count; } }

    /// <summary>Adds a member sent everything after <paramref name="sequence"/>; false when the session has just closed.</summary>
    public bool TryAdd(MemberSender member, long sequence)
    {
        lock (_lock)
        {
            if (_closed) return false;
            _published = Math.Max(_published, sequence);
            _members[member.ConnectionId] = member;
            return true;
        }
    }

    /// <summary>Removes a member; true when that was the last one and the session is closed for good.</summary>
    public bool Remove(string connectionId, out MemberSender? member)
    {
        lock (_lock)
        {
            _members.Remove(connectionId, out member);
            if (_members.Count > 0) return false;
            _closed = true;
            return true;
        }
    }

    public void Publish(AppliedBatch batch)
    {
        var fragments = batch.Operations.Select(o => (o.Sequence, Fragment: AppliedPage.Fragment(o))).ToList();
        MemberSender[] members;
        lock (_lock)
        {
            if (_closed) return;
            foreach (var (sequence, fragment) in fragments)
            {
                if (sequence <= _published) continue;
                _recent.Add(sequence, fragment);
                _published = sequence;
            }
            members = [.. _members.Values];
        }
        foreach (var member in members) member.Wake();
    }

    /// <summary>
    /// The ops after <paramref name="after"/>, at most <paramref name="max"/>, from the ring; false when they
    /// are older than it holds (read them from the log, up to <paramref name="published"/>).
    /// </summary>
    public bool TryTake(long after, int max, List<byte[]> into, out long published)
    {
        lock (_lock)
        {
            published = _published;
            return _recent.TryCopy(after, max, into);
        }
    }

    public MemberSender? Find(string connectionId)
    {
        lock (_lock) return _members.GetValueOrDefault(connectionId);
    }

    public MemberSender[] Members()
    {
        lock (_lock) return [.. _members.Values];
    }
}
