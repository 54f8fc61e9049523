using Zordic.Server.Sessions;

namespace Zordic.Server.Hubs;

/// <summary>What the hub remembers about a connection: the project it joined, as whom, and its op budget.</summary>
public sealed class ConnectionSession(OperationRateLimiter limiter)
{
    readonly SemaphoreSlim _order = new(1, 1);

    public string? ProjectId { get; set; }
    public Participant? Participant { get; set; }
    public OperationRateLimiter Limiter { get; } = limiter;

    /// <summary>
    /// Runs this connection's edits one at a time, so its ops are logged (and acknowledged) in the order
    /// it sent them even when SignalR runs its calls concurrently.
    /// </summary>
    public async Task<T> InOrderAsync<T>(Func<Task<T>> edit)
    {
        await _order.WaitAsync();
        try
        {
            return await edit();
        }
        finally
        {
            _order.Release();
        }
    }
}
