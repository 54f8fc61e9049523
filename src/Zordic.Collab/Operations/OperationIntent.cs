using System.Text.Json;
using System.Text.Json.Serialization;
using Zordic.Collab.Json;

namespace Zordic.Collab.Operations;

/// <summary>
/// An edit without identity or clocks (<c>{"type", "path", "value"}</c>), as a script or curl sends it;
/// the server turns it into a full operation of its own session.
/// </summary>
public sealed record OperationIntent
{
    public required OperationType Type { get; init; }
    [JsonConverter(typeof(PathJsonConverter))]
    public required IReadOnlyList<string> Path { get; init; }
    public JsonElement? Value { get; init; }
}
