using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;

namespace Zordic.Collab;

/// <summary>
/// A place where someone edits a project: a replica with its own session id that authors operations
/// (numbered in its version vector, stamped with everything it has seen) and applies them at once,
/// and that merges the operations of others as they arrive. Browsers, the REST API, the CLI, agents
/// and tests all edit through one of these.
/// </summary>
public sealed class EditingSession
{
    readonly TimeProvider _clock;
    long _sequence, _lastClock;

    public EditingSession(ProjectReplica replica, string userId, string sessionId, TimeProvider? clock = null)
    {
        Replica = replica;
        UserId = userId;
        SessionId = sessionId;
        _clock = clock ?? TimeProvider.System;
        _sequence = replica.VersionVector[sessionId];
    }

    public ProjectReplica Replica { get; }
    public string UserId { get; }
    public string SessionId { get; }

    public CollaborativeOperation Insert(IReadOnlyList<string> path, JsonElement value, string? parentOpId = null) =>
        Author(OperationType.Insert, path, value, parentOpId);

    public CollaborativeOperation Update(IReadOnlyList<string> path, JsonElement value, string? parentOpId = null) =>
        Author(OperationType.Update, path, value, parentOpId);

    public CollaborativeOperation Delete(IReadOnlyList<string> path, string? parentOpId = null) =>
        Author(OperationType.Delete, path, null, parentOpId);

    /// <summary>Makes the next operation of this session without applying it (the caller decides).</summary>
    public CollaborativeOperation Next(OperationType type, IReadOnlyList<string> path, JsonElement? value, string? parentOpId = null) => new()
    {
        OpId = Guid.CreateVersion7().ToString(),
        UserId = UserId,
        SessionId = SessionId,
        Type = type,
        Path = path,
        Value = value,
        VersionVector = NextVector(),
        Timestamp = _clock.GetUtcNow().ToUnixTimeMilliseconds(),
        ParentOpId = parentOpId,
    };

    // Lamport: one more than every clock this replica has merged and every op this session has made (ops made
    // with Next and not yet applied included), so an op always wins over what its author had seen. Written
    // compactly: the session's own count, and the rest of the clock under "~" (docs/collaboration.md).
    VersionVector NextVector()
    {
        ++_sequence;
        _lastClock = Math.Max(Math.Max(Replica.Clock, _lastClock) + 1, _sequence);
        return VersionVector.Lamport(SessionId, _sequence, _lastClock);
    }

    /// <summary>Merges someone else's operation into this session's replica.</summary>
    public Rejection? Receive(CollaborativeOperation op) => Replica.Apply(op);

    CollaborativeOperation Author(OperationType type, IReadOnlyList<string> path, JsonElement? value, string? parentOpId)
    {
        var op = Next(type, path, value, parentOpId);
        var rejection = Replica.Apply(op);
        if (rejection is not null) throw new ArgumentException($"{rejection.Code}: {rejection.Message}");
        return op;
    }
}
