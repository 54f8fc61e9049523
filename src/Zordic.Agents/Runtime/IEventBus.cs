namespace Zordic.Agents.Runtime;

/// <summary>
/// Topic publish/subscribe between agents. The in-process default serves one node; a Redis pub/sub
/// adapter (the seed's event bus) carries the same messages between nodes. A subscriber receives the
/// messages of a topic in the order they were published.
/// </summary>
public interface IEventBus
{
    ValueTask PublishAsync(AgentMessage message, CancellationToken ct = default);

    /// <summary>Calls <paramref name="deliver"/> for each matching message, one at a time, in order; dispose to stop.</summary>
    IDisposable Subscribe(TopicPattern pattern, Func<AgentMessage, ValueTask> deliver);
}
