using Zordic.Collab.Operations;
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
    readonly ObjectState _root = new(TargetKind.Project, "");
    // The highest op number seen per session. Sessions send their ops in order, so this is exactly what
    // a catch-up request needs; merging only the op's own dot (not its whole vector) keeps it honest
    // when ops arrive out of order.
    readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    VersionVector? _versionVector;

    public ProjectReplica(string projectId) => ProjectId = projectId;

    public string ProjectId { get; }

    /// <summary>The project's name, without materializing the document.</summary>
    public string Name => _root.Properties[0].IsSet ? _root.Properties[0].Value.Text : ProjectDefaults.Name;

    /// <summary>For each session, the number of its latest op this replica has applied.</summary>
    public VersionVector VersionVector => _versionVector ??= VersionVector.From(_seen);

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
    public Rejection? Accept(CollaborativeOperation op)
    {
        if (!ParsedOperation.TryParse(op, out var parsed, out var rejection)) return rejection;
        rejection = CheckVersionVector(op) ?? CheckTarget(parsed);
        if (rejection is not null) return rejection;
        Merge(parsed);
        return null;
    }

    /// <summary>True when an op with this session and number has been applied: a resend, not a new edit.</summary>
    public bool HasSeen(string sessionId, long sequence) => _seen.TryGetValue(sessionId, out var seq) && seq >= sequence;

    void Merge(in ParsedOperation parsed)
    {
        var node = Navigate(parsed.Target);
        var stamp = parsed.Stamp;
        switch (parsed.Op.Type)
        {
            case OperationType.Insert:
                node.Alive.Set(true, stamp);
                for (var slot = 0; slot < parsed.Fields!.Length; slot++) node.Properties[slot].Set(parsed.Fields[slot], stamp);
                break;
            case OperationType.Delete:
                node.Alive.Set(false, stamp);
                break;
            default:
                node.Register(parsed.Target.Property).Set(parsed.Value, stamp);
                break;
        }
        var session = parsed.Op.SessionId;
        var sequence = parsed.Op.Sequence;
        if (!_seen.TryGetValue(session, out var seen) || seen < sequence)
        {
            _seen[session] = sequence;
            _versionVector = null;
        }
    }

    ObjectState Navigate(in OperationTarget target)
    {
        var node = _root;
        if (target.TrackId is null) return node;
        node = node.Child(TargetKind.Track, target.TrackId);
        if (target.ClipId is null) return node;
        node = node.Child(TargetKind.Clip, target.ClipId);
        if (target.NoteId is null) return node;
        return node.Child(TargetKind.Note, target.NoteId);
    }

    Rejection? CheckVersionVector(CollaborativeOperation op)
    {
        var own = op.Sequence;
        var seen = _seen.GetValueOrDefault(op.SessionId);
        if (own <= seen)
            return new(RejectionCodes.InvalidVersionVector, $"session '{op.SessionId}' already sent op {seen}; op {own} comes too late (each session numbers its ops upwards; a new tab needs a new session_id)");
        foreach (var (session, sequence) in op.VersionVector)
        {
            if (session != op.SessionId && sequence > _seen.GetValueOrDefault(session))
                return new(RejectionCodes.InvalidVersionVector, $"version_vector claims op {sequence} of session '{session}', which this project has not seen (it has {_seen.GetValueOrDefault(session)})");
        }
        return null;
    }

    Rejection? CheckTarget(in ParsedOperation parsed)
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
            if (child is null || !child.Alive.IsSet)
            {
                if (isTarget && parsed.Op.Type == OperationType.Insert) return null;
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
        var root = _root.Properties;
        return new Project(
            ProjectId,
            root[0].IsSet ? root[0].Value.Text : ProjectDefaults.Name,
            root[1].IsSet ? root[1].Value.Number : ProjectDefaults.Bpm,
            root[2].IsSet ? root[2].Value.Meter : TimeSignature.Common,
            root[3].IsSet ? root[3].Value.Key : MusicalKey.CMajor,
            root[4].IsSet ? root[4].Value.Number : 0,
            tracks);

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

    internal void Restore(Dictionary<string, long> seen)
    {
        foreach (var (session, seq) in seen) _seen[session] = seq;
        _versionVector = null;
    }
}

/// <summary>What a project is before anyone sets its name, tempo, metre or key.</summary>
public static class ProjectDefaults
{
    public const string Name = "Untitled";
    public const double Bpm = 120;
}
