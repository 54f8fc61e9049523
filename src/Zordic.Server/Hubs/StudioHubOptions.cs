namespace Zordic.Server.Hubs;

/// <summary>Limits and timings of the hub.</summary>
public sealed record StudioHubOptions
{
    /// <summary>Ops in one <c>op:execute</c>.</summary>
    public int MaxOpsPerBatch { get; init; } = 2_000;
    /// <summary>Sustained ops per second per connection (token bucket refill).</summary>
    public double OpsPerSecond { get; init; } = 200;
    /// <summary>Burst of ops per connection (token bucket size).</summary>
    public double OpsBurst { get; init; } = 2_000;
    /// <summary>Largest payload a method accepts; bigger ones are refused with <c>too_large</c> and the connection stays.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;
    /// <summary>SignalR's own limit, above which it closes the connection: kept well above <see cref="MaxPayloadBytes"/>.</summary>
    public int MaxMessageBytes { get; init; } = 4 * 1024 * 1024;
    /// <summary>How long a cursor or selection lives without an update (the seed's 30 s).</summary>
    public TimeSpan AwarenessTimeToLive { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How often expired cursors are looked for.</summary>
    public TimeSpan AwarenessSweep { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Ids in one selection.</summary>
    public int MaxSelectionIds { get; init; } = 5_000;

    /// <summary>Ops in one <c>op:applied</c> message: a connection that fell behind catches up in pages of this many.</summary>
    public int MaxOpsPerMessage { get; init; } = 2_000;
    /// <summary>The latest ops of each session kept ready to send; a connection further behind reads the op log.</summary>
    public int RecentOpsKept { get; init; } = 20_000;
    /// <summary>Ops a joining connection is sent to catch up; beyond it, it is sent the whole project instead.</summary>
    public int MaxCatchUpOps { get; init; } = 10_000;
    /// <summary>Messages (people, suggestions, playback) that may wait for one connection before it is let go.</summary>
    public int MaxQueuedMessages { get; init; } = 1_024;
    /// <summary>How long one message may wait for a connection to take it before the connection is let go.</summary>
    public TimeSpan SlowConsumerTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
