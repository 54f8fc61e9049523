using System.Text.Json;

namespace Zordic.Agents.Runtime;

/// <summary>What a handler can do while handling <see cref="Message"/>: publish, answer, ask.</summary>
public sealed class AgentContext(AgentEngine engine, IAgent agent, AgentMessage message)
{
    public AgentMessage Message { get; } = message;
    public string AgentId => agent.Id;

    /// <summary>Publishes as this agent, in the same conversation (correlation id and trace) as the message being handled.</summary>
    public Task PublishAsync(string topic, MessagePayload payload, MessageType type = MessageType.Notification,
        IReadOnlyList<string>? to = null, int? priority = null, string? memoryKey = null, float[]? vector = null, CancellationToken ct = default) =>
        engine.PublishAsync(new AgentMessage
        {
            From = agent.Id,
            To = to,
            Topic = topic,
            Type = type,
            Payload = payload with { Context = WithTrace(payload.Context) },
            CorrelationId = Message.CorrelationId,
            Priority = priority ?? Message.Priority,
            MemoryKey = memoryKey,
            Vector = vector,
        }, ct);

    /// <summary>Answers the message being handled: a response to its sender, with its correlation id.</summary>
    public Task RespondAsync(MessagePayload payload, CancellationToken ct = default) =>
        PublishAsync(Message.Topic + ".response", payload, MessageType.Response, [Message.From], ct: ct);

    /// <summary>Asks another agent and waits for its answer (or throws <see cref="TimeoutException"/>).</summary>
    public Task<AgentMessage> RequestAsync(string topic, MessagePayload payload, string to, TimeSpan timeout, CancellationToken ct = default) =>
        engine.RequestAsync(new AgentMessage
        {
            From = agent.Id,
            To = [to],
            Topic = topic,
            Type = MessageType.Query,
            Payload = payload with { Context = WithTrace(payload.Context) },
            CorrelationId = Guid.CreateVersion7().ToString(),
            Priority = Message.Priority,
        }, timeout, ct);

    IReadOnlyDictionary<string, string>? WithTrace(IReadOnlyDictionary<string, string>? context)
    {
        if (Message.Payload.Context?.TryGetValue(AgentTelemetry.TraceParentKey, out var parent) != true) return context;
        var merged = context is null ? new Dictionary<string, string>() : new Dictionary<string, string>(context);
        merged.TryAdd(AgentTelemetry.TraceParentKey, parent!);
        return merged;
    }

    public static JsonElement Data<T>(T value) => JsonSerializer.SerializeToElement(value, AgentJson.Options);
}
