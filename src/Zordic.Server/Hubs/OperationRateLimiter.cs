namespace Zordic.Server.Hubs;

/// <summary>
/// A token bucket per connection: a burst of <see cref="Capacity"/> ops, refilled at
/// <see cref="PerSecond"/>. Generous for people (a drag of many notes is one burst), tight enough
/// that one runaway client cannot flood a session.
/// </summary>
public sealed class OperationRateLimiter
{
    readonly object _lock = new();
    readonly double _perSecond, _capacity;
    readonly TimeProvider _clock;
    double _tokens;
    long _last;

    public OperationRateLimiter(double perSecond, double capacity, TimeProvider clock)
    {
        _perSecond = perSecond;
        _capacity = capacity;
        _clock = clock;
        _tokens = capacity;
        _last = clock.GetTimestamp();
    }

    public double PerSecond => _perSecond;

    /// <summary>Takes one token per op; false (and nothing taken) when the bucket has too few.</summary>
    public bool TryTake(int ops)
    {
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + _clock.GetElapsedTime(_last, now).TotalSeconds * _perSecond);
            _last = now;
            if (_tokens < ops) return false;
            _tokens -= ops;
            return true;
        }
    }
}
