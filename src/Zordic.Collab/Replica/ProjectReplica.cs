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
    readonly ObjectState _root = new(TargetKind.Project, "");
    // The highest op number seen per session. Sessions send their ops in order, so this is exactly what
    // a catch-up request needs; merging only the op's own dot (not its whole vector) keeps it honest
    // when ops arrive out of order.
    readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    VersionVector? _versionVector;

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
