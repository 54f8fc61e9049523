using Zordic.Server.Sessions;

namespace Zordic.Server.Hubs;

/// <summary>What the hub remembers about a connection: the project it joined, as whom, and its op budget.</summary>
public sealed class ConnectionSession(OperationRateLimiter limiter)
{
    public string? ProjectId { get; set; }
    public Participant? Participant { get; set; }
    public OperationRateLimiter Limiter { get; } = limiter;
    /// <summary>Serializes this connection's edits, so its ops are logged (and acknowledged) in the order it sent them.</summary>
    public SemaphoreSlim Order { get; } = new(1, 1);
}
