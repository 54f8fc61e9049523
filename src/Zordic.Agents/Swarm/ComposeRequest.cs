using Zordic.Agents.Runtime;

namespace Zordic.Agents.Swarm;

/// <summary>What a user asked the agents for, carried in <c>beat.requested</c> and on through the chain.</summary>
public sealed record ComposeRequest(string Prompt, long Seed, string? ProjectId, string RequestedBy)
{
    /// <summary>The <c>beat.requested</c> command that starts the chain, under correlation id <paramref name="requestId"/>.</summary>
    public AgentMessage ToBeatRequest(string from, string requestId) => new()
    {
        From = from,
        To = [AgentIds.Beat],
        Topic = AgentTopics.BeatRequested,
        Type = MessageType.Command,
        CorrelationId = requestId,
        Priority = 8,
        Payload = new MessagePayload { Action = "compose", Data = AgentContext.Data(this) },
    };
}
