using Zordic.Collab.Operations;

namespace Zordic.Collab.Replica;

/// <summary>
/// What a batch of operations changed in a replica, so that the batch can be taken back whole when its
/// append to the op log fails or is cancelled: the server applies a batch before it is durable (later
/// ops of a batch need to see earlier ones) and must then change nothing if it never becomes durable.
/// Started by <see cref="ProjectReplica.BeginBatch"/>; ended by <see cref="Commit"/> or <see cref="Rollback"/>.
/// </summary>
public sealed class ReplicaJournal
{
    readonly ProjectReplica _replica;
    readonly List<Change> _changes = [];
    readonly long _clock, _seenTotal;
    readonly int _objects;
    bool _ended;

    internal ReplicaJournal(ProjectReplica replica, long clock, long seenTotal, int objects)
    {
        _replica = replica;
        _clock = clock;
        _seenTotal = seenTotal;
        _objects = objects;
    }

    /// <summary>Keeps every change: the batch is in the log.</summary>
    public void Commit() => End();

    /// <summary>Puts the replica back exactly as it was when the batch began.</summary>
    public void Rollback()
    {
        End();
        for (var i = _changes.Count - 1; i >= 0; i--)
        {
            var change = _changes[i];
            switch (change.Kind)
            {
                case ChangeKind.Created:
                    change.Node!.Children!.Remove(change.Key!);
                    break;
                case ChangeKind.Alive:
                    change.Node!.Alive = change.Alive;
                    break;
                case ChangeKind.Register:
                    change.Node!.Properties[change.Slot] = change.Value;
                    break;
                case ChangeKind.Session:
                    _replica.RestoreSession(change.Key!, change.Count, change.Slot != 0, change.LastActive);
                    break;
            }
        }
        _replica.RestoreCounters(_clock, _seenTotal, _objects);
    }

    void End()
    {
        if (_ended) throw new InvalidOperationException("this batch has already been committed or rolled back");
        _ended = true;
        _replica.EndBatch(this);
    }

    internal void Created(ObjectState parent, string id) => _changes.Add(new(ChangeKind.Created, parent, id, 0, default, default, 0, 0));

    internal void Alive(ObjectState node) => _changes.Add(new(ChangeKind.Alive, node, null, 0, node.Alive, default, 0, 0));

    internal void Register(ObjectState node, int slot) => _changes.Add(new(ChangeKind.Register, node, null, slot, default, node.Properties[slot], 0, 0));

    internal void Session(string session, bool existed, long count, long lastActive) =>
        _changes.Add(new(ChangeKind.Session, null, session, existed ? 1 : 0, default, default, count, lastActive));

    enum ChangeKind { Created, Alive, Register, Session }

    readonly record struct Change(ChangeKind Kind, ObjectState? Node, string? Key, int Slot, Lww<bool> Alive, Lww<PropertyValue> Value, long Count, long LastActive);
}
