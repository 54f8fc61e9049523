using System.Threading.RateLimiting;

namespace Zordic.Server.Limits;

/// <summary>
/// The hub's budgets: for each kind of call, a token bucket per connection and one per remote address
/// (ASP.NET Core's rate limiting primitives; buckets nobody used for a while are let go by them).
/// </summary>
public sealed class HubRateLimiter : IDisposable
{
    readonly Dictionary<HubCallKind, (PartitionedRateLimiter<string>? PerConnection, PartitionedRateLimiter<string> PerAddress)> _limiters;

    public HubRateLimiter(RateLimits limits)
    {
        _limiters = new()
        {
            // Ops per connection are counted by the hub itself (per op, with op:rejected for each).
            [HubCallKind.Ops] = (null, Buckets(limits.HubOpsPerAddress)),
            [HubCallKind.Join] = (Buckets(limits.HubJoinsPerConnection), Buckets(limits.HubJoinsPerAddress)),
            [HubCallKind.Awareness] = (Buckets(limits.HubAwarenessPerConnection), Buckets(limits.HubAwarenessPerAddress)),
            [HubCallKind.Transport] = (Buckets(limits.HubTransportPerConnection), Buckets(limits.HubTransportPerAddress)),
            [HubCallKind.Undo] = (Buckets(limits.HubUndoPerConnection), Buckets(limits.HubUndoPerAddress)),
            [HubCallKind.Agents] = (Buckets(limits.HubAgentsPerConnection), Buckets(limits.HubAgentsPerAddress)),
        };
    }

    /// <summary>Takes <paramref name="permits"/> from both buckets of the kind; when either is short, how long to wait.</summary>
    public bool TryAcquire(HubCallKind kind, string connectionId, string address, int permits, out TimeSpan retryAfter)
    {
        var (perConnection, perAddress) = _limiters[kind];
        foreach (var (limiter, key) in new[] { (perConnection, connectionId), (perAddress, address) })
        {
            if (limiter is null) continue;
            using var lease = limiter.AttemptAcquire(key, permits);
            if (!lease.IsAcquired)
            {
                retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                return false;
            }
        }
        retryAfter = TimeSpan.Zero;
        return true;
    }

    static PartitionedRateLimiter<string> Buckets(Rate rate) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(rate)));

    public static TokenBucketRateLimiterOptions Bucket(Rate rate) => new()
    {
        TokenLimit = rate.Burst,
        TokensPerPeriod = Math.Max(1, (int)Math.Round(rate.PerSecond / 10)),
        ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, (int)Math.Round(rate.PerSecond / 10)) / rate.PerSecond),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public void Dispose()
    {
        foreach (var (perConnection, perAddress) in _limiters.Values)
        {
            perConnection?.Dispose();
            perAddress.Dispose();
        }
    }
}
