namespace Zordic.Collab.Operations;

/// <summary>Why an operation was refused: a machine-readable <see cref="Code"/> and a message for people.</summary>
public sealed record Rejection(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The reason codes of <see cref="Rejection"/>; clients switch on these, so they never change.</summary>
public static class RejectionCodes
{
    /// <summary>A required field is missing or malformed (op_id, user_id, session_id, type).</summary>
    public const string Malformed = "malformed";
    /// <summary>The path has the wrong shape, an unknown collection or property, or a bad id.</summary>
    public const string InvalidPath = "invalid_path";
    /// <summary>The op's type does not fit its path (e.g. an update of a whole track, a delete of bpm).</summary>
    public const string TypeMismatch = "type_mismatch";
    /// <summary>The value has the wrong JSON type, an unknown field, or lacks a required one.</summary>
    public const string InvalidValue = "invalid_value";
    /// <summary>The value is of the right type but outside the property's range.</summary>
    public const string OutOfRange = "out_of_range";
    /// <summary>The property is fixed when the object is created (a track's kind).</summary>
    public const string ImmutableProperty = "immutable_property";
    /// <summary>The path names an object that does not exist.</summary>
    public const string NotFound = "not_found";
    /// <summary>The object, or one of its parents, has been deleted.</summary>
    public const string Deleted = "deleted";
    /// <summary>An insert reuses the id of an object that exists.</summary>
    public const string AlreadyExists = "already_exists";
    /// <summary>The version vector lacks the op's own session, goes backwards, jumps too far ahead, or claims ops nobody has seen.</summary>
    public const string InvalidVersionVector = "invalid_version_vector";
    /// <summary>A new op reuses the op_id of a different op already in the log (or earlier in the same batch).</summary>
    public const string DuplicateOpId = "duplicate_op_id";
    /// <summary>The op's session_id is one the server authors under (api, undo, midi, agent:…).</summary>
    public const string ReservedSession = "reserved_session";
    /// <summary>The project would exceed one of its quotas (tracks, clips, notes, objects, log size).</summary>
    public const string QuotaExceeded = "quota_exceeded";
    /// <summary>The op log could not be written; nothing was applied. Resend later.</summary>
    public const string StorageUnavailable = "storage_unavailable";
    /// <summary>The sender exceeded a limit (batch size, ops per second).</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>The project does not exist.</summary>
    public const string UnknownProject = "unknown_project";
}
