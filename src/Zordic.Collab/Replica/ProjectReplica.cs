using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Undo;
using Zordic.Music.Document;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Collab.Replica;

/// <summary>
/// One replica of a project document: a state-based CRDT fed with operations. Applying the same set
/// of operations in any order, with duplicates, leaves every replica in the same state, byte for byte
/// (see docs/collaboration.md). Not thread-safe: one writer at a time per replica.
/// </summary>
public sealed class ProjectReplica
{
    /// <summary>
    /// How far past what a session has been seen to send its next op's number may jump (ops of its that
    /// were refused leave gaps). Bounds how fast a vector's counts, and so the clocks, can grow.
    /// </summary>
    public const long MaxSequenceGap = 10_000;

    readonly ObjectState _root = new(TargetKind.Project, "");
    // The highest op number seen per session. Sessions send their ops in order, so this is exactly what
    // a catch-up request needs; merging only the op's own dot (not its whole vector) keeps it honest
    // when ops arrive out of order. The server lets go of sessions long inactive (RetireSessions).
    readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    // The clock of each session's latest op: which sessions were active least recently.
    readonly Dictionary<string, long> _lastActive = new(StringComparer.Ordinal);
    // The highest number each session has been seen to send, refused ops included (server bookkeeping).
    readonly Dictionary<string, long> _sent = new(StringComparer.Ordinal);
    VersionVector? _versionVector;
    long _clock, _seenTotal;
    int _objects = 1;
    ReplicaJournal? _journal;

    public ProjectReplica(string projectId) => ProjectId = projectId;

    public string ProjectId { get; }

    /// <summary>The project's name, without materializing the document.</summary>
    public string Name => _root.Register(Property.Name) is { IsSet: true } name ? name.Value.Text : ProjectDefaults.Name;

    /// <summary>Name, tempo, key and live track count, without materializing the document.</summary>
    public ProjectListing Listing
    {
        get
        {
            var tracks = 0;
            foreach (var _ in LiveChildren(_root)) tracks++;
            return new ProjectListing(Name, RootValue(Property.Bpm).Number, RootValue(Property.Key).Key, tracks);
        }
    }

    /// <summary>For each session, the number of its latest op this replica has applied.</summary>
    public VersionVector VersionVector => _versionVector ??= VersionVector.From(_seen);

    /// <summary>The greatest clock (Σ of the version vector) among the merged ops: a Lamport clock.</summary>
    public long Clock => _clock;

    /// <summary>
    /// The sum of every session's highest count, sessions let go of included: how many ops an op's
    /// author can at most have seen. Bounds what an op's vector may claim.
    /// </summary>
    public long SeenTotal => _seenTotal;

    /// <summary>Tracks, clips and notes (tombstones included) and the project itself: what memory grows with.</summary>
    public int ObjectCount => _objects;

    /// <summary>
    /// Starts recording every change, so that the ops merged from now on can be taken back together
    /// (<see cref="ReplicaJournal.Rollback"/>) if their batch never reaches the op log.
    /// </summary>
    public ReplicaJournal BeginBatch()
    {
        if (_journal is not null) throw new InvalidOperationException("a batch is already open on this replica");
        return _journal = new ReplicaJournal(this, _clock, _seenTotal, _objects);
    }

    internal void EndBatch(ReplicaJournal journal)
    {
        if (_journal == journal) _journal = null;
    }

    /// <summary>True when the replica holds a count for this session (it has not been let go).</summary>
    public bool KnowsSession(string sessionId) => _seen.ContainsKey(sessionId);

    /// <summary>
    /// Takes back the count of a session this replica let go of (or never had), as the op log gives it, so
    /// that its next op is checked against it. Changes neither the clock nor <see cref="SeenTotal"/>,
    /// which already include it.
    /// </summary>
    public void RememberSession(string sessionId, long count)
    {
        if (_seen.ContainsKey(sessionId) || count <= 0) return;
        _seen[sessionId] = count;
        _lastActive[sessionId] = 0;
        _versionVector = null;
    }

    /// <summary>
    /// Lets go of the least recently active sessions once more than <paramref name="keep"/> are held, down to
    /// three quarters of it (so that the sort is rare). Their ops stay in the log, which is where
    /// <see cref="RememberSession"/> reads a count back from. Returns how many were let go.
    /// </summary>
    public int RetireSessions(int keep)
    {
        if (_seen.Count <= keep) return 0;
        var retire = _lastActive.OrderBy(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(_seen.Count - keep * 3 / 4).Select(e => e.Key).ToList();
        foreach (var session in retire)
        {
            _seen.Remove(session);
            _lastActive.Remove(session);
            _sent.Remove(session);
        }
        _versionVector = null;
        return retire.Count;
    }

    /// <summary>
    /// Merges an operation as any replica does: checks its fields, path and value (the same everywhere)
    /// but not whether its target exists here yet, since ops may arrive in any order. Returns null when
    /// merged, or why it was refused, in which case nothing changed.
    /// </summary>
    public Rejection? Apply(CollaborativeOperation op)
    {
        if (!ParsedOperation.TryParse(op, out var parsed, out var rejection)) return rejection;
        Merge(parsed);
        return null;
    }

    /// <summary>
    /// Merges an operation as the server does before it enters the op log: besides <see cref="Apply"/>'s
    /// checks, the path must resolve to a live object (or, for an insert, to a live parent and a free id)
    /// and the version vector must follow on from what this replica has seen.
    /// </summary>
    /// <remarks>
    /// Call with the op's session known (<see cref="RememberSession"/> after a restart or once it was let
    /// go): its number must follow on from that session's count. <paramref name="quotas"/> bound how many
    /// objects an insert may add. With <paramref name="parentsToCome"/>, an insert may name parents this
    /// replica has never seen (not deleted ones): how an import writes a track's contents before the track,
    /// so that it appears whole or not at all.
    /// </remarks>
    public Rejection? Accept(CollaborativeOperation op, ProjectQuotas? quotas = null, bool parentsToCome = false)
    {
        if (!ParsedOperation.TryParse(op, out var parsed, out var rejection)) return rejection;
        rejection = CheckVersionVector(op) ?? CheckTarget(parsed, quotas ?? ProjectQuotas.Default, parentsToCome);
        if (rejection is not null) return rejection;
        Merge(parsed);
        return null;
    }

    /// <summary>True when an op with this session and number has been applied: a resend, not a new edit.</summary>
    public bool HasSeen(string sessionId, long sequence) => _seen.TryGetValue(sessionId, out var seq) && seq >= sequence;

    /// <summary>
    /// The edit that would undo <paramref name="op"/> if it were applied now: call before applying it.
    /// Null when the op is invalid.
    /// </summary>
    public InverseEdit? InverseOf(CollaborativeOperation op)
    {
        if (!ParsedOperation.TryParse(op, out var parsed, out _)) return null;
        var target = parsed.Target;
        var node = Find(target);
        switch (op.Type)
        {
            case OperationType.Insert:
                return new InverseEdit(OperationType.Delete, op.Path, null);
            case OperationType.Delete:
                if (node is null || !node.IsLive) return null;
                var values = new PropertyValue[node.Properties.Length];
                for (var slot = 0; slot < values.Length; slot++) values[slot] = node.Properties[slot].Value;
                return new InverseEdit(OperationType.Insert, op.Path, PropertyJson.ObjectToJson(target.Kind, values));
            default:
                var previous = node is not null && node.Register(target.Property) is { IsSet: true } register
                    ? register.Value
                    : RootDefault(target.Property);
                return new InverseEdit(OperationType.Update, op.Path, PropertyJson.ToJson(target.Property, previous));
        }
    }

    /// <summary>
    /// True when every write that currently decides what <paramref name="path"/> shows was made by an op
    /// that <paramref name="isMine"/> accepts: for a property, its register; for an object, its existence,
    /// its properties and everything under it. How undo knows that nobody else has changed it since.
    /// </summary>
    public bool IsOnlyTouchedBy(IReadOnlyList<string> path, Func<string, bool> isMine)
    {
        if (!OperationTarget.TryParse(path, out var target, out _)) return false;
        var node = Find(target);
        if (node is null) return false;
        if (target.IsProperty)
        {
            ref var register = ref node.Register(target.Property);
            return !register.IsSet || isMine(register.Stamp.OpId);
        }
        return Untouched(node, isMine);

        static bool Untouched(ObjectState node, Func<string, bool> isMine)
        {
            if (node.Alive.IsSet && !isMine(node.Alive.Stamp.OpId)) return false;
            foreach (var register in node.Properties)
            {
                if (register.IsSet && !isMine(register.Stamp.OpId)) return false;
            }
            if (node.Children is null) return true;
            foreach (var child in node.Children.Values)
            {
                if (!Untouched(child, isMine)) return false;
            }
            return true;
        }
    }

    /// <summary>True when the op that last decided whether the path's object exists (its insert or delete) is one <paramref name="isMine"/> accepts.</summary>
    public bool ExistenceDecidedBy(IReadOnlyList<string> path, Func<string, bool> isMine) =>
        OperationTarget.TryParse(path, out var target, out _) && Find(target) is { Alive.IsSet: true } node && isMine(node.Alive.Stamp.OpId);

    /// <summary>True when the object the path names exists and is not deleted (its parents neither).</summary>
    public bool IsLive(IReadOnlyList<string> path)
    {
        if (!OperationTarget.TryParse(path, out var target, out _)) return false;
        var node = _root;
        ReadOnlySpan<string?> ids = [target.TrackId, target.ClipId, target.NoteId];
        for (var level = 0; level < (int)target.Kind; level++)
        {
            node = node.FindChild(ids[level]);
            if (node is null || !node.IsLive) return false;
        }
        return true;
    }

    ObjectState? Find(in OperationTarget target)
    {
        var node = _root;
        if (target.TrackId is null) return node;
        node = node.FindChild(target.TrackId);
        if (target.ClipId is null || node is null) return node;
        node = node.FindChild(target.ClipId);
        if (target.NoteId is null || node is null) return node;
        return node.FindChild(target.NoteId);
    }

    PropertyValue RootValue(Property property) =>
        _root.Register(property) is { IsSet: true } register ? register.Value : RootDefault(property);

    static PropertyValue RootDefault(Property property) => property switch
    {
        Property.Name => PropertyValue.Of(ProjectDefaults.Name),
        Property.Bpm => PropertyValue.Of(ProjectDefaults.Bpm),
        Property.TimeSignature => PropertyValue.Of(TimeSignature.Common),
        Property.Key => PropertyValue.Of(MusicalKey.CMajor),
        _ => PropertyValue.Of(0.0),
    };

    void Merge(in ParsedOperation parsed)
    {
        var node = Navigate(parsed.Target);
        var stamp = parsed.Stamp;
        switch (parsed.Op.Type)
        {
            case OperationType.Insert:
                SetAlive(node, true, stamp);
                for (var slot = 0; slot < parsed.Fields!.Length; slot++) SetRegister(node, slot, parsed.Fields[slot], stamp);
                break;
            case OperationType.Delete:
                SetAlive(node, false, stamp);
                break;
            default:
                SetRegister(node, Properties.Of(node.Kind).IndexOf(parsed.Target.Property), parsed.Value, stamp);
                break;
        }
        if (stamp.Clock > _clock) _clock = stamp.Clock;
        var session = parsed.Op.SessionId;
        var sequence = parsed.Op.Sequence;
        var known = _seen.TryGetValue(session, out var seen);
        var lastActive = _lastActive.GetValueOrDefault(session);
        if (seen < sequence || lastActive < stamp.Clock)
        {
            _journal?.Session(session, known, seen, lastActive);
            if (seen < sequence)
            {
                _seen[session] = sequence;
                // Checked: a sum past 2^53 is refused before it gets here (CheckVersionVector).
                _seenTotal = checked(_seenTotal + sequence - seen);
                _versionVector = null;
            }
            _lastActive[session] = Math.Max(lastActive, stamp.Clock);
        }
    }

    void SetAlive(ObjectState node, bool alive, in OpStamp stamp)
    {
        if (node.Alive.IsSet && stamp <= node.Alive.Stamp) return;
        _journal?.Alive(node);
        node.Alive.Set(alive, stamp);
    }

    void SetRegister(ObjectState node, int slot, in PropertyValue value, in OpStamp stamp)
    {
        ref var register = ref node.Properties[slot];
        if (register.IsSet && stamp <= register.Stamp) return;
        _journal?.Register(node, slot);
        register.Set(value, stamp);
    }

    ObjectState Navigate(in OperationTarget target)
    {
        var node = _root;
        if (target.TrackId is null) return node;
        node = ChildOf(node, TargetKind.Track, target.TrackId);
        if (target.ClipId is null) return node;
        node = ChildOf(node, TargetKind.Clip, target.ClipId);
        if (target.NoteId is null) return node;
        return ChildOf(node, TargetKind.Note, target.NoteId);
    }

    ObjectState ChildOf(ObjectState parent, TargetKind kind, string id)
    {
        var child = parent.Child(kind, id, out var created);
        if (created)
        {
            _objects++;
            _journal?.Created(parent, id);
        }
        return child;
    }

    // What an op's vector may say, so that no op can push the clocks out of reach (and then win every
    // write, or overflow): its own number follows on from its session's, at most MaxSequenceGap past what
    // that session has been seen to send; and the rest of its clock claims no more ops of other sessions
    // than the project has seen. Both hold for every honest client, compact or whole vector alike.
    Rejection? CheckVersionVector(CollaborativeOperation op)
    {
        var own = op.Sequence;
        var seen = _seen.GetValueOrDefault(op.SessionId);
        if (own <= seen)
            return new(RejectionCodes.InvalidVersionVector, $"session '{op.SessionId}' already sent op {seen}; op {own} comes too late (each session numbers its ops upwards; a new tab needs a new session_id)");
        var sent = Math.Max(seen, _sent.GetValueOrDefault(op.SessionId));
        if (own - sent > MaxSequenceGap)
            return new(RejectionCodes.InvalidVersionVector, $"op {own} of session '{op.SessionId}' jumps more than {MaxSequenceGap:N0} past its last op ({sent}); number a session's ops upwards from 1");
        _sent[op.SessionId] = Math.Max(_sent.GetValueOrDefault(op.SessionId), own);
        var past = op.VersionVector.Sum - own;
        var seenByOthers = _seenTotal - seen;
        if (past > seenByOthers)
            return new(RejectionCodes.InvalidVersionVector, $"version_vector claims {past:N0} ops of other sessions, but this project has seen {seenByOthers:N0}");
        return null;
    }

    Rejection? CheckTarget(in ParsedOperation parsed, ProjectQuotas quotas, bool parentsToCome)
    {
        var target = parsed.Target;
        if (target.Kind == TargetKind.Project) return null;
        var node = _root;
        // Every object above the target must exist and be live.
        ReadOnlySpan<string?> ids = [target.TrackId, target.ClipId, target.NoteId];
        var depth = (int)target.Kind;
        for (var level = 0; level < depth; level++)
        {
            var child = node.FindChild(ids[level]);
            var noun = ((TargetKind)(level + 1)).ToString().ToLowerInvariant();
            var isTarget = level == depth - 1;
            if (!isTarget && parentsToCome && parsed.Op.Type == OperationType.Insert && (child is null || !child.Alive.IsSet))
            {
                if (child is null) return CheckRoom(node, (TargetKind)(level + 1), quotas);
                node = child; // a parent written by an earlier part of the same import
                continue;
            }
            if (child is null || !child.Alive.IsSet)
            {
                if (isTarget && parsed.Op.Type == OperationType.Insert) return child is null ? CheckRoom(node, target.Kind, quotas) : null;
                return new(RejectionCodes.NotFound, $"there is no {noun} '{ids[level]}'{(level > 0 ? $" in {((TargetKind)level).ToString().ToLowerInvariant()} '{ids[level - 1]}'" : "")}");
            }
            if (isTarget && parsed.Op.Type == OperationType.Insert)
            {
                // Inserting a deleted object's id again restores it (that is how a delete is undone).
                return child.IsLive ? new(RejectionCodes.AlreadyExists, $"a {noun} with id '{ids[level]}' already exists; every object needs a new id") : null;
            }
            if (!child.IsLive) return new(RejectionCodes.Deleted, $"{noun} '{ids[level]}' has been deleted");
            node = child;
        }
        return null;
    }

    // A new object must fit its parent's and the project's quotas (counted with tombstones: see ProjectQuotas).
    Rejection? CheckRoom(ObjectState parent, TargetKind kind, ProjectQuotas quotas)
    {
        var (limit, what) = kind switch
        {
            TargetKind.Track => (quotas.MaxTracks, "tracks in a project"),
            TargetKind.Clip => (quotas.MaxClipsPerTrack, "clips in a track"),
            _ => (quotas.MaxNotesPerClip, "notes in a clip"),
        };
        if ((parent.Children?.Count ?? 0) >= limit)
            return new(RejectionCodes.QuotaExceeded, $"at most {limit:N0} {what} (deleted ones count until the project is copied); this one is full");
        if (_objects > quotas.MaxObjects)
            return new(RejectionCodes.QuotaExceeded, $"at most {quotas.MaxObjects:N0} tracks, clips and notes in a project (deleted ones included); this one is full");
        return null;
    }

    /// <summary>The visible document: live objects only, tracks by order, clips by bar, notes by time.</summary>
    public Project ToDocument()
    {
        var tracks = new List<Track>();
        foreach (var t in LiveChildren(_root))
        {
            var clips = new List<Clip>();
            foreach (var c in LiveChildren(t))
            {
                var notes = new List<Note>();
                foreach (var n in LiveChildren(c))
                {
                    notes.Add(new Note(n.Id, Int(n, 0), Int(n, 1), Int(n, 2), Int(n, 3)));
                }
                notes.Sort(static (a, b) => a.StartTick != b.StartTick ? a.StartTick.CompareTo(b.StartTick)
                    : a.Pitch != b.Pitch ? a.Pitch.CompareTo(b.Pitch) : string.CompareOrdinal(a.Id, b.Id));
                clips.Add(new Clip(c.Id, Int(c, 0), Int(c, 1), notes));
            }
            clips.Sort(static (a, b) => a.StartBar != b.StartBar ? a.StartBar.CompareTo(b.StartBar) : string.CompareOrdinal(a.Id, b.Id));
            var p = t.Properties;
            tracks.Add(new Track(t.Id, p[0].Value.Text, (TrackKind)p[1].Value.Integer, p[2].Value.Text, p[3].Value.Number,
                p[4].Value.Number, p[5].Value.Flag, p[6].Value.Flag, p[7].Value.Text, clips));
        }
        tracks.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Order, b.Order);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return new Project(ProjectId, RootValue(Property.Name).Text, RootValue(Property.Bpm).Number, RootValue(Property.TimeSignature).Meter,
            RootValue(Property.Key).Key, RootValue(Property.Swing).Number, tracks);

        static int Int(ObjectState node, int slot) => node.Properties[slot].Value.Integer;
    }

    static IEnumerable<ObjectState> LiveChildren(ObjectState node)
    {
        if (node.Children is null) yield break;
        foreach (var child in node.Children.Values)
        {
            if (child.IsLive) yield return child;
        }
    }

    internal ObjectState Root => _root;

    internal IReadOnlyDictionary<string, long> Seen => _seen;

    /// <summary>Sets the bookkeeping a snapshot holds; <paramref name="seenTotal"/> null for a snapshot from before it kept one.</summary>
    internal void Restore(Dictionary<string, long> seen, long? seenTotal)
    {
        foreach (var (session, seq) in seen)
        {
            _seen[session] = seq;
            _lastActive[session] = 0;
        }
        _seenTotal = seenTotal ?? seen.Values.Sum();
        _clock = MaxClock(_root);
        _objects = _root.CountNodes();
        _versionVector = null;

        // Every merged op wrote a register, and a register keeps the greatest stamp written to it, so the
        // greatest stamp in the tree is the greatest clock merged.
        static long MaxClock(ObjectState node)
        {
            var max = node.Alive.IsSet ? node.Alive.Stamp.Clock : 0;
            foreach (var register in node.Properties)
            {
                if (register.IsSet) max = Math.Max(max, register.Stamp.Clock);
            }
            if (node.Children is not null)
            {
                foreach (var child in node.Children.Values) max = Math.Max(max, MaxClock(child));
            }
            return max;
        }
    }

    internal void RestoreSession(string session, long count, bool existed, long lastActive)
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
        _versionVector = null;
    }

    internal void RestoreCounters(long clock, long seenTotal, int objects)
    {
        _clock = clock;
        _seenTotal = seenTotal;
        _objects = objects;
    }
}

/// <summary>What a project is before anyone sets its name, tempo, metre or key.</summary>
public static class ProjectDefaults
{
    public const string Name = "Untitled";
    public const double Bpm = 120;
}
