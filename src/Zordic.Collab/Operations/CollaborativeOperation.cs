using System.Text.Json;
using System.Text.Json.Serialization;
using Zordic.Collab.Json;

namespace Zordic.Collab.Operations;

/// <summary>
/// One change to a project, with exactly the fields of the seed's <c>CollaborativeOperation</c>
/// (snake_case in JSON). <see cref="Path"/> addresses objects by id: <c>["tracks", T]</c>,
/// <c>["tracks", T, "clips", C, "notes", N]</c>; an update's path ends with the property name.
/// <see cref="SessionId"/> is the editing session (replica) that made the op; its entry in
/// <see cref="VersionVector"/> numbers the op within that session.
/// </summary>
[JsonConverter(typeof(CollaborativeOperationJsonConverter))]
public sealed record CollaborativeOperation
{
    public required string OpId { get; init; }
    public required string UserId { get; init; }
    public required string SessionId { get; init; }
    public required OperationType Type { get; init; }
    public required IReadOnlyList<string> Path { get; init; }
    /// <summary>The inserted object, or the property's new value; absent for deletes.</summary>
    public JsonElement? Value { get; init; }
    public required VersionVector VersionVector { get; init; }
    /// <summary>Milliseconds since the Unix epoch on the author's clock.</summary>
    public long Timestamp { get; init; }
    public string? ParentOpId { get; init; }

    /// <summary>This op's number within its session: its own entry of the version vector.</summary>
    [JsonIgnore]
    public long Sequence => VersionVector[SessionId];
}
