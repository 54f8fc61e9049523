namespace Zordic.Agents.Runtime;

/// <summary>
/// An agent: an id, the topics it listens to, and a handler. The engine gives each agent its own
/// queue (by priority), concurrency limit, circuit breaker and handler timeout, so a slow or failing
/// agent never holds up or takes down the others.
/// </summary>
public interface IAgent
{
    /// <summary>The agent's id, as in <see cref="AgentMessage.From"/> and <see cref="AgentMessage.To"/> (e.g. "melody").</summary>
    string Id { get; }

    /// <summary>Topic patterns it handles (<see cref="TopicPattern"/>); messages addressed to it by <c>to</c> reach it too.</summary>
    IReadOnlyList<string> Subscriptions { get; }

    /// <summary>How many messages it may handle at once.</summary>
    int Concurrency => 1;

    /// <summary>How long one message may take before it counts as a failure.</summary>
    TimeSpan HandlerTimeout => TimeSpan.FromSeconds(10);

    Task HandleAsync(AgentMessage message, AgentContext context, CancellationToken ct);
}

/// <summary>Stores messages that carry a <see cref="AgentMessage.MemoryKey"/> in the agents' shared memory (AgentDb <c>memory</c>).</summary>
public interface IAgentMemory
{
    Task StoreAsync(string key, AgentMessage message, CancellationToken ct);
}
