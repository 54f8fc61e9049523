namespace Zordic.Agents.Runtime;

/// <summary>One agent as <c>GET /api/agents</c> shows it.</summary>
public sealed record AgentStatus(string Id, string Breaker, int QueueDepth, long Handled, long Failed, IReadOnlyList<string> Subscriptions);
