namespace Zordic.Server.Hubs;

/// <summary>
/// A token bucket per connection: a burst of <see cref="Capacity"/> ops, refilled at
/// <see cref="PerSecond"/>. Generous for people (a drag of many notes is one burst), tight enough
/// that one runaway client cannot flood a session.
/// </summary>
public sealed class OperationRateLimiter
{
    readonly object _lock = new();
    readonly double perSecond, capacity;
    readonly TimeProvider clock;
    double _tokens;
    long _last;

    public OperationRateLimiter(double perSecond, double capacity, TimeProvider clock)
    {
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.clock = clock;
        _tokens = capacity;
        _last = clock.GetTimestamp();
    }

    public double PerSecond => perSecond;

    /// <summary>Takes one token per op; false (and nothing taken) when the bucket has too few.</summary>
    public bool TryTake(int ops)
    {
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            _tokens = Math.Min(capacity, _tokens + clock.GetElapsedTime(_last, now).TotalSeconds * perSecond);
            _last = now;
            if (_tokens < ops) return false;
            _tokens -= ops;
            return true;
        }
    }
}
