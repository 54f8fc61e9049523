using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zordic.Agents.Runtime;

/// <summary>What a message is for: the seed's four kinds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageType>))]
public enum MessageType
{
    [JsonStringEnumMemberName("command")] Command,
    [JsonStringEnumMemberName("query")] Query,
    [JsonStringEnumMemberName("notification")] Notification,
    [JsonStringEnumMemberName("response")] Response,
}

/// <summary>The seed's payload: an optional pattern id and action, free data, and context.</summary>
public sealed record MessagePayload
{
    public string? PatternId { get; init; }
    public string? Action { get; init; }
    public JsonElement? Data { get; init; }
    public IReadOnlyDictionary<string, string>? Context { get; init; }
}

/// <summary>
/// A message between agents with exactly the seed's fields (snake_case in JSON): routing
/// (<see cref="From"/>, <see cref="To"/>, <see cref="Topic"/>), content, metadata
/// (<see cref="CorrelationId"/> ties a request, its responses and its trace together;
/// <see cref="Priority"/> 0–10, 10 first) and the AgentDb fields (<see cref="MemoryKey"/> stores the
/// message in the shared <c>memory</c> collection; <see cref="Vector"/> is its embedding).
/// </summary>
public sealed record AgentMessage
{
    public required string From { get; init; }
    /// <summary>The agents it is for; null broadcasts to every subscriber of the topic.</summary>
    public IReadOnlyList<string>? To { get; init; }
    public required string Topic { get; init; }
    public MessageType Type { get; init; } = MessageType.Notification;
    public MessagePayload Payload { get; init; } = new();
    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; init; }
    public string CorrelationId { get; init; } = "";
    public int Priority { get; init; } = 5;
    public string? MemoryKey { get; init; }
    public float[]? Vector { get; init; }

    public bool IsFor(string agentId) => To is null || To.Contains(agentId);
}
