namespace Zordic.Server.Limits;

/// <summary>A token bucket: <see cref="PerSecond"/> sustained, bursts of <see cref="Burst"/>.</summary>
public sealed record Rate(double PerSecond, int Burst)
{
    public static readonly Rate Unlimited = new(1_000_000, 1_000_000);
}

/// <summary>
/// How much one connection, one user and one address may ask of the studio (docs/hub.md and the README
/// list the numbers). Generous for people — a drag of many notes is one burst, a reconnecting tab joins
/// once — and tight enough that one runaway client or script cannot wear the server down for others.
/// Beyond a limit: <c>rate_limited</c> over the hub, HTTP 429 with <c>Retry-After</c> over REST.
/// </summary>
public sealed record RateLimits
{
    /// <summary>Every HTTP request (REST, the hub's negotiation, the web UI's files), per address and per user.</summary>
    public Rate RestPerAddress { get; init; } = new(100, 2_000);
    /// <summary>Asking the agents (compose, harmonize, visual effects) over REST, per address.</summary>
    public Rate RestAgentsPerAddress { get; init; } = new(5, 30);
    /// <summary>MIDI imports over REST, per address.</summary>
    public Rate RestImportsPerAddress { get; init; } = new(1, 10);

    /// <summary>Ops over the hub per address (each connection also has <see cref="Hubs.StudioHubOptions.OpsPerSecond"/>).</summary>
    public Rate HubOpsPerAddress { get; init; } = new(2_000, 20_000);
    /// <summary><c>session:join</c>, per connection and per address (a reconnect storm).</summary>
    public Rate HubJoinsPerConnection { get; init; } = new(2, 10);
    public Rate HubJoinsPerAddress { get; init; } = new(20, 400);
    /// <summary>Cursor and selection moves, per connection and per address.</summary>
    public Rate HubAwarenessPerConnection { get; init; } = new(60, 120);
    public Rate HubAwarenessPerAddress { get; init; } = new(1_000, 5_000);
    /// <summary>Play, stop and sync, per connection and per address.</summary>
    public Rate HubTransportPerConnection { get; init; } = new(20, 60);
    public Rate HubTransportPerAddress { get; init; } = new(200, 1_000);
    /// <summary>Undo and redo, per connection and per address.</summary>
    public Rate HubUndoPerConnection { get; init; } = new(20, 100);
    public Rate HubUndoPerAddress { get; init; } = new(200, 1_000);
    /// <summary>Asking the agents and answering their suggestions over the hub, per connection and per address.</summary>
    public Rate HubAgentsPerConnection { get; init; } = new(2, 10);
    public Rate HubAgentsPerAddress { get; init; } = new(5, 30);

    /// <summary>No limits: for tests that measure something else, and for benchmarks of the server itself.</summary>
    public static RateLimits Unlimited { get; } = new()
    {
        RestPerAddress = Rate.Unlimited, RestAgentsPerAddress = Rate.Unlimited, RestImportsPerAddress = Rate.Unlimited,
        HubOpsPerAddress = Rate.Unlimited, HubJoinsPerConnection = Rate.Unlimited, HubJoinsPerAddress = Rate.Unlimited,
        HubAwarenessPerConnection = Rate.Unlimited, HubAwarenessPerAddress = Rate.Unlimited,
        HubTransportPerConnection = Rate.Unlimited, HubTransportPerAddress = Rate.Unlimited,
        HubUndoPerConnection = Rate.Unlimited, HubUndoPerAddress = Rate.Unlimited,
        HubAgentsPerConnection = Rate.Unlimited, HubAgentsPerAddress = Rate.Unlimited,
    };
}
