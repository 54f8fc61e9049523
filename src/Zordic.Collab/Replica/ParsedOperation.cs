using Zordic.Collab.Operations;

namespace Zordic.Collab.Replica;

/// <summary>An operation whose path and value have been checked and decoded once.</summary>
internal readonly record struct ParsedOperation(
    CollaborativeOperation Op,
    OperationTarget Target,
    OpStamp Stamp,
    PropertyValue Value,
    PropertyValue[]? Fields)
{
    /// <summary>
    /// The checks every replica makes, independent of its state: field formats, the path's shape,
    /// whether the op's type fits the path, and the value's type and range.
    /// </summary>
    public static bool TryParse(CollaborativeOperation op, out ParsedOperation parsed, out Rejection? rejection)
    {
        parsed = default;
        if (!OperationTarget.IsValidId(op.OpId)) return Fail(RejectionCodes.Malformed, "op_id must be 1–64 letters, digits, '-', '_', ':' or '.' (a UUID fits)", out rejection);
        if (string.IsNullOrWhiteSpace(op.UserId) || op.UserId.Length > 128 || op.UserId.Any(char.IsControl))
            return Fail(RejectionCodes.Malformed, "user_id must be 1–128 printable characters", out rejection);
        if (!OperationTarget.IsValidId(op.SessionId)) return Fail(RejectionCodes.Malformed, "session_id must be 1–64 letters, digits, '-', '_', ':' or '.'", out rejection);
        if (op.ParentOpId is not null && !OperationTarget.IsValidId(op.ParentOpId)) return Fail(RejectionCodes.Malformed, "parent_op_id, when present, must be an op id", out rejection);
        if (op.Timestamp < 0) return Fail(RejectionCodes.Malformed, "timestamp must be milliseconds since the Unix epoch", out rejection);
        if (op.VersionVector[op.SessionId] < 1)
            return Fail(RejectionCodes.InvalidVersionVector, $"version_vector must count this op under its session_id '{op.SessionId}' (≥ 1)", out rejection);
        if (!OperationTarget.TryParse(op.Path, out var target, out rejection)) return false;

        var stamp = OpStamp.Of(op);
        var noun = target.Kind.ToString().ToLowerInvariant();
        switch (op.Type)
        {
            case OperationType.Update:
                if (!target.IsProperty)
                    return Fail(RejectionCodes.TypeMismatch, $"an update's path must end with a property name; [{string.Join(", ", op.Path)}] names a whole {noun} (insert or delete it instead)", out rejection);
                if (target.Property == Property.Kind)
                    return Fail(RejectionCodes.ImmutableProperty, "a track's kind is fixed when it is created; add a new track of the other kind instead", out rejection);
                if (op.Value is not { } json || json.ValueKind == System.Text.Json.JsonValueKind.Null)
                    return Fail(RejectionCodes.InvalidValue, $"an update of {target.Property.JsonName()} needs a value", out rejection);
                if (!PropertySchema.TryParse(target.Property, json, out var value, out rejection)) return false;
                parsed = new(op, target, stamp, value, null);
                return true;
            case OperationType.Insert:
                if (target.IsProperty || target.Kind == TargetKind.Project)
                    return Fail(RejectionCodes.TypeMismatch, "an insert's path must name a track, clip or note by id, not a property (use update)", out rejection);
                if (op.Value is not { } obj)
                    return Fail(RejectionCodes.InvalidValue, $"an insert needs the new {noun} as its value", out rejection);
                var fields = new PropertyValue[Properties.Of(target.Kind).Length];
                if (!PropertySchema.TryParseObject(target.Kind, target.ObjectId!, obj, fields, out rejection)) return false;
                parsed = new(op, target, stamp, default, fields);
                return true;
            case OperationType.Delete:
                if (target.IsProperty || target.Kind == TargetKind.Project)
                    return Fail(RejectionCodes.TypeMismatch, "a delete's path must name a track, clip or note by id; properties are changed with update", out rejection);
                if (op.Value is { ValueKind: not System.Text.Json.JsonValueKind.Null })
                    return Fail(RejectionCodes.InvalidValue, "a delete carries no value", out rejection);
                parsed = new(op, target, stamp, default, null);
                return true;
            default:
                return Fail(RejectionCodes.Malformed, "type must be insert, delete or update", out rejection);
        }
    }

    static bool Fail(string code, string message, out Rejection? rejection)
    {
        rejection = new Rejection(code, message);
        return false;
    }
}
