using System.Collections.Concurrent;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;

namespace Zordic.Collab.Undo;

/// <summary>
/// One person's undo and redo in one project. A step is one action (one <c>op:execute</c> batch),
/// kept as the edits that take it back. Undo reverts only what is still that person's: a part that
/// someone else has changed since is left as they made it, and the person is told (see docs/hub.md).
/// Thread-safe; the conflict checks run inside the project's gate, against the authoritative replica.
/// </summary>
public sealed class UndoHistory
{
    const int MaxSteps = 500;
    /// <summary>Inverse edits kept over all steps: a few large actions (a MIDI import undone) must not hold memory forever.</summary>
    const int MaxEdits = 50_000;
    const int MaxRemembered = 200_000;

    readonly object _lock = new();
    readonly List<IReadOnlyList<InverseEdit>> _undo = [];
    readonly List<IReadOnlyList<InverseEdit>> _redo = [];
    // Ops this person made (edits, undos, redos): a write by any other op is someone else's.
    readonly HashSet<string> _mine = new(StringComparer.Ordinal);
    readonly Queue<string> _mineOrder = new();

    public int UndoDepth { get { lock (_lock) return _undo.Count; } }
    public int RedoDepth { get { lock (_lock) return _redo.Count; } }

    /// <summary>Records a new action of this person; it can be undone, and it ends what could be redone.</summary>
    public void Record(IReadOnlyList<OperationResult> results)
    {
        lock (_lock)
        {
            Remember(results);
            var step = StepOf(results);
            if (step.Count == 0) return;
            _undo.Add(step);
            _redo.Clear();
            Trim();
        }
    }

    // The oldest steps go first; the newest step always stays, however large.
    void Trim()
    {
        var edits = _undo.Sum(s => s.Count) + _redo.Sum(s => s.Count);
        while (_undo.Count > 1 && (_undo.Count > MaxSteps || edits > MaxEdits))
        {
            edits -= _undo[0].Count;
            _undo.RemoveAt(0);
        }
    }

    /// <summary>
    /// Takes the most recent step off the undo (or redo) stack and turns the parts nobody else has
    /// touched since into operations of <paramref name="session"/>. Call inside the project's gate.
    /// </summary>
    public UndoPlan Plan(bool redo, EditingSession session)
    {
        lock (_lock)
        {
            var stack = redo ? _redo : _undo;
            if (stack.Count == 0) return UndoPlan.Nothing(redo);
            var step = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            var ops = new List<CollaborativeOperation>(step.Count);
            var kept = new List<string>();
            foreach (var edit in step)
            {
                switch (Check(edit, session.Replica))
                {
                    case EditCheck.Apply:
                        ops.Add(session.Next(edit.Type, edit.Path, edit.Value));
                        break;
                    case EditCheck.TheirsNow:
                        kept.Add(PathDescription.Of(edit.Path));
                        break;
                }
            }
            return new UndoPlan(redo, true, ops, kept);
        }
    }

    /// <summary>Files what an undo (or redo) did, so that it can be redone (or undone) in turn.</summary>
    public void Complete(UndoPlan plan, IReadOnlyList<OperationResult> results)
    {
        lock (_lock)
        {
            Remember(results);
            var step = StepOf(results);
            if (step.Count == 0) return;
            (plan.IsRedo ? _undo : _redo).Add(step);
            Trim();
        }
    }

    bool IsMine(string opId) => _mine.Contains(opId);

    EditCheck Check(InverseEdit edit, ProjectReplica replica)
    {
        switch (edit.Type)
        {
            case OperationType.Delete:
                // Taking back an insert: nothing to do if it is gone already; someone else's edits inside it stop us.
                if (!replica.IsLive(edit.Path)) return EditCheck.Skip;
                return replica.IsOnlyTouchedBy(edit.Path, IsMine) ? EditCheck.Apply : EditCheck.TheirsNow;
            case OperationType.Insert:
                // Taking back a delete: only while it is still deleted, by us (someone may have restored or re-deleted it).
                if (replica.IsLive(edit.Path)) return EditCheck.Skip;
                return replica.ExistenceDecidedBy(edit.Path, IsMine) ? EditCheck.Apply : EditCheck.TheirsNow;
            default:
                if (!replica.IsLive(edit.Path)) return EditCheck.Skip;
                return replica.IsOnlyTouchedBy(edit.Path, IsMine) ? EditCheck.Apply : EditCheck.TheirsNow;
        }
    }

    static List<InverseEdit> StepOf(IReadOnlyList<OperationResult> results)
    {
        // Taken back in reverse order: the last change of an action is undone first.
        var step = new List<InverseEdit>(results.Count);
        for (var i = results.Count - 1; i >= 0; i--)
        {
            if (results[i] is { Status: OperationStatus.Applied, Inverse: { } inverse }) step.Add(inverse);
        }
        return step;
    }

    void Remember(IReadOnlyList<OperationResult> results)
    {
        foreach (var result in results)
        {
            if (result.Status != OperationStatus.Applied || !_mine.Add(result.OpId)) continue;
            _mineOrder.Enqueue(result.OpId);
            if (_mineOrder.Count > MaxRemembered) _mine.Remove(_mineOrder.Dequeue());
        }
    }

    enum EditCheck { Apply, Skip, TheirsNow }
}

/// <summary>What an undo or redo will do: the ops to execute, and what it leaves because it is someone else's now.</summary>
public sealed record UndoPlan(bool IsRedo, bool HadStep, IReadOnlyList<CollaborativeOperation> Operations, IReadOnlyList<string> KeptForOthers)
{
    public static UndoPlan Nothing(bool redo) => new(redo, false, [], []);
}

/// <summary>
/// Every person's undo history, per project. Histories live in memory (a restart forgets them, never the
/// edits): one nobody has used for <see cref="KeepIdle"/> is let go, and beyond <see cref="MaxHistories"/>
/// the least recently used go first, so that a long-running studio holds the histories of people at work.
/// </summary>
public sealed class UndoHistories(TimeProvider? clock = null)
{
    public static readonly TimeSpan KeepIdle = TimeSpan.FromHours(6);
    public const int MaxHistories = 10_000;

    readonly ConcurrentDictionary<(string Project, string User), (UndoHistory History, long LastUsed)> _histories = new();
    readonly TimeProvider _clock = clock ?? TimeProvider.System;
    long _lastTrim;

    public int Count => _histories.Count;

    public UndoHistory For(string projectId, string userId)
    {
        var now = _clock.GetTimestamp();
        var entry = _histories.AddOrUpdate((projectId, userId), _ => (new UndoHistory(), now), (_, e) => (e.History, now));
        if (_histories.Count > MaxHistories || _clock.GetElapsedTime(Interlocked.Read(ref _lastTrim), now) > TimeSpan.FromMinutes(1)) Trim(now);
        return entry.History;
    }

    public void Forget(string projectId)
    {
        foreach (var key in _histories.Keys.Where(k => k.Project == projectId).ToList()) _histories.TryRemove(key, out _);
    }

    void Trim(long now)
    {
        Interlocked.Exchange(ref _lastTrim, now);
        // ToArray snapshots the dictionary under its locks; LINQ over it would copy into an array sized from a stale count.
        var byAge = _histories.ToArray().OrderBy(e => e.Value.LastUsed).ToList();
        var excess = byAge.Count - MaxHistories * 9 / 10;
        foreach (var (key, (_, lastUsed)) in byAge)
        {
            if (excess <= 0 && _clock.GetElapsedTime(lastUsed, now) < KeepIdle) break;
            _histories.TryRemove(key, out _);
            excess--;
        }
    }
}
