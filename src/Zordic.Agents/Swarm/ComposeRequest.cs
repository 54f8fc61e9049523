namespace Zordic.Agents.Swarm;

/// <summary>What a user asked the agents for, carried in <c>beat.requested</c> and on through the chain.</summary>
public sealed record ComposeRequest(string Prompt, long Seed, string? ProjectId, string RequestedBy);
