using Zordic.Collab.Operations;
using Zordic.Collab.Undo;

namespace Zordic.Collab.Replica;

// What undo asks of a replica: the edit that takes an op back, and whether anyone else has touched what
// an op wrote since (docs/hub.md, "Undo and redo").
public sealed partial class ProjectReplica
{
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
}
