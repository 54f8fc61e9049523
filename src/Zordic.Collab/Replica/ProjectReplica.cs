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
public sealed partial class ProjectReplica
{
    /// <summary>
    /// How far past what a session has been seen to send its next op's number may jump (ops of its that
    /// were refused leave gaps). Bounds how fast a vector's counts, and so the clocks, can grow.
    /// </summary>
    public const long MaxSequenceGap = 10_000;

    readonly ObjectState _root = new(TargetKind.Project, "");
    // The highest op number per session, counting only each op's own dot (not its whole vector), which keeps
    // it honest when ops arrive out of order; the clock; what ops may claim. The server lets go of sessions
    // long inactive (RetireSessions).
    readonly SessionLedger _sessions = new();
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
    public VersionVector VersionVector => _sessions.Vector;

    /// <summary>The greatest clock (Σ of the version vector) among the merged ops: a Lamport clock.</summary>
    public long Clock => _sessions.Clock;

    /// <summary>
    /// The sum of every session's highest count, sessions let go of included: how many ops an op's
    /// author can at most have seen. Bounds what an op's vector may claim.
    /// </summary>
    public long SeenTotal => _sessions.SeenTotal;

    /// <summary>Tracks, clips and notes (tombstones included) and the project itself: what memory grows with.</summary>
    public int ObjectCount => _objects;

    /// <summary>
    /// Starts recording every change, so that the ops merged from now on can be taken back together
    /// (<see cref="ReplicaJournal.Rollback"/>) if their batch never reaches the op log.
    /// </summary>
    public ReplicaJournal BeginBatch()
    {
        if (_journal is not null) throw new InvalidOperationException("a batch is already open on this replica");
        return _journal = new ReplicaJournal(this, _sessions.Clock, _sessions.SeenTotal, _objects);
    }

    internal void EndBatch(ReplicaJournal journal)
    {
        if (_journal == journal) _journal = null;
    }

    /// <summary>True when the replica holds a count for this session (it has not been let go).</summary>
    public bool KnowsSession(string sessionId) => _sessions.Knows(sessionId);

    /// <summary>
    /// Takes back the count of a session this replica let go of (or never had), as the op log gives it, so
    /// that its next op is checked against it. Changes neither the clock nor <see cref="SeenTotal"/>,
    /// which already include it.
    /// </summary>
    public void RememberSession(string sessionId, long count) => _sessions.Remember(sessionId, count);

    /// <summary>
    /// Lets go of the least recently active sessions once more than <paramref name="keep"/> are held, down to
    /// three quarters of it (so that the sort is rare). Their ops stay in the log, which is where
    /// <see cref="RememberSession"/> reads a count back from. Returns how many were let go.
    /// </summary>
    public int RetireSessions(int keep) => _sessions.Retire(keep);

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
        rejection = _sessions.Check(op) ?? CheckTarget(parsed, quotas ?? ProjectQuotas.Default, parentsToCome);
        if (rejection is not null) return rejection;
        Merge(parsed);
        return null;
    }

    /// <summary>True when an op with this session and number has been applied: a resend, not a new edit.</summary>
    public bool HasSeen(string sessionId, long sequence) => _sessions.HasSeen(sessionId, sequence);

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
        _sessions.Merged(parsed.Op.SessionId, parsed.Op.Sequence, stamp.Clock, _journal);
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

    internal ObjectState Root => _root;

    internal IReadOnlyDictionary<string, long> Seen => _sessions.Seen;

    /// <summary>Sets the bookkeeping a snapshot holds; <paramref name="seenTotal"/> null for a snapshot from before it kept one.</summary>
    internal void Restore(Dictionary<string, long> seen, long? seenTotal)
    {
        _sessions.Restore(seen, seenTotal, MaxClock(_root));
        _objects = _root.CountNodes();

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

    internal void RestoreSession(string session, long count, bool existed, long lastActive) => _sessions.Restore(session, count, existed, lastActive);

    internal void RestoreCounters(long clock, long seenTotal, int objects)
    {
        _sessions.Clock = clock;
        _sessions.SeenTotal = seenTotal;
        _objects = objects;
    }
}

/// <summary>What a project is before anyone sets its name, tempo, metre or key.</summary>
public static class ProjectDefaults
{
    public const string Name = "Untitled";
    public const double Bpm = 120;
}
