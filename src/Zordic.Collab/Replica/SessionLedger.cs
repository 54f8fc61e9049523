using Zordic.Collab.Operations;

namespace Zordic.Collab.Replica;

/// <summary>
/// What a replica knows of the editing sessions whose ops it merged: each session's highest op number (its
/// version vector), the greatest clock merged (the Lamport clock new ops go one past), and, for the server,
/// the sum of every session's count and what each session has been seen to send. These decide which op is
/// a resend and what a new op may claim (<see cref="Check"/>); they never decide a register. The server
/// keeps counts for its most recently active sessions only (<see cref="Retire"/>), the log holds the rest.
/// </summary>
internal sealed class SessionLedger
{
    readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    // The clock of each session's latest op: which sessions were active least recently.
    readonly Dictionary<string, long> _lastActive = new(StringComparer.Ordinal);
    // The highest number each session has been seen to send, refused ops included.
    readonly Dictionary<string, long> _sent = new(StringComparer.Ordinal);
    VersionVector? _vector;

    public VersionVector Vector => _vector ??= VersionVector.From(_seen);

    public IReadOnlyDictionary<string, long> Seen => _seen;

    /// <summary>The greatest clock merged.</summary>
    public long Clock { get; set; }

    /// <summary>The sum of every session's highest count, sessions let go of included.</summary>
    public long SeenTotal { get; set; }

    public bool Knows(string session) => _seen.ContainsKey(session);

    public bool HasSeen(string session, long sequence) => _seen.TryGetValue(session, out var seen) && seen >= sequence;

    public void Remember(string session, long count)
    {
        if (_seen.ContainsKey(session) || count <= 0) return;
        _seen[session] = count;
        _lastActive[session] = 0;
        _vector = null;
    }

    /// <summary>Counts a merged op; <paramref name="journal"/>, when a batch is open, learns how to take it back.</summary>
    public void Merged(string session, long sequence, long clock, ReplicaJournal? journal)
    {
        if (clock > Clock) Clock = clock;
        var known = _seen.TryGetValue(session, out var seen);
        var lastActive = _lastActive.GetValueOrDefault(session);
        if (seen >= sequence && lastActive >= clock) return;
        journal?.Session(session, known, seen, lastActive);
        if (seen < sequence)
        {
            _seen[session] = sequence;
            // Checked: a sum past 2^53 is refused before it gets here (Check).
            SeenTotal = checked(SeenTotal + sequence - seen);
            _vector = null;
        }
        _lastActive[session] = Math.Max(lastActive, clock);
    }

    public int Retire(int keep)
    {
        if (_seen.Count <= keep) return 0;
        var retire = _lastActive.OrderBy(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(_seen.Count - keep * 3 / 4).Select(e => e.Key).ToList();
        foreach (var session in retire)
        {
            _seen.Remove(session);
            _lastActive.Remove(session);
            _sent.Remove(session);
        }
        _vector = null;
        return retire.Count;
    }

    // What an op's vector may say, so that no op can push the clocks out of reach (and then win every
    // write, or overflow): its own number follows on from its session's, at most MaxSequenceGap past what
    // that session has been seen to send; and the rest of its clock claims no more ops of other sessions
    // than the project has seen. Both hold for every honest client, compact or whole vector alike.
    public Rejection? Check(CollaborativeOperation op)
    {
        var own = op.Sequence;
        var seen = _seen.GetValueOrDefault(op.SessionId);
        if (own <= seen)
            return new(RejectionCodes.InvalidVersionVector, $"session '{op.SessionId}' already sent op {seen}; op {own} comes too late (each session numbers its ops upwards; a new tab needs a new session_id)");
        var sent = Math.Max(seen, _sent.GetValueOrDefault(op.SessionId));
        if (own - sent > ProjectReplica.MaxSequenceGap)
            return new(RejectionCodes.InvalidVersionVector, $"op {own} of session '{op.SessionId}' jumps more than {ProjectReplica.MaxSequenceGap:N0} past its last op ({sent}); number a session's ops upwards from 1");
        _sent[op.SessionId] = Math.Max(_sent.GetValueOrDefault(op.SessionId), own);
        var past = op.VersionVector.Sum - own;
        var seenByOthers = SeenTotal - seen;
        if (past > seenByOthers)
            return new(RejectionCodes.InvalidVersionVector, $"version_vector claims {past:N0} ops of other sessions, but this project has seen {seenByOthers:N0}");
        return null;
    }

    /// <summary>Sets the counts a snapshot holds; <paramref name="seenTotal"/> null for a snapshot from before it kept one.</summary>
    public void Restore(Dictionary<string, long> seen, long? seenTotal, long clock)
    {
        foreach (var (session, count) in seen)
        {
            _seen[session] = count;
            _lastActive[session] = 0;
        }
        SeenTotal = seenTotal ?? seen.Values.Sum();
        Clock = clock;
        _vector = null;
    }

    /// <summary>Puts a session's count back as it was before a batch that is being taken back.</summary>
    public void Restore(string session, long count, bool existed, long lastActive)
    {
        if (existed)
        {
            _seen[session] = count;
            _lastActive[session] = lastActive;
        }
        else
        {
            _seen.Remove(session);
            _lastActive.Remove(session);
        }
        _vector = null;
    }
}
