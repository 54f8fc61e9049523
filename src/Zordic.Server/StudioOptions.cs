namespace Zordic.Server;

/// <summary>How a studio server runs: where its data lives and where it listens.</summary>
public sealed record StudioOptions
{
    /// <summary>Holds studio.db (projects, op logs, snapshots) and, while a server runs, studio.server.json.</summary>
    public string DataDirectory { get; init; } = "data";
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 5170;
    /// <summary>fsync every append (survives power loss), instead of surviving a crash of the process only.</summary>
    public bool FullDurability { get; init; }
    /// <summary>The built web UI to serve; null finds web/dist of the checkout the program runs from.</summary>
    public string? WebRoot { get; init; }
    /// <summary>Limits and timings of the collaboration hub.</summary>
    public Hubs.StudioHubOptions Hub { get; init; } = new();
    /// <summary>How much one connection, user and address may ask of the studio per second.</summary>
    public Limits.RateLimits RateLimits { get; init; } = new();
    /// <summary>How long the agents keep a pattern nobody kept or discarded (a suggestion card stays open two hours).</summary>
    public TimeSpan KeepUnansweredPatterns { get; init; } = TimeSpan.FromDays(7);
    /// <summary>Patterns nobody answered kept per kind (beat, melody, harmony), newest first.</summary>
    public int MaxUnansweredPatterns { get; init; } = 50_000;
    /// <summary>How large one project may grow.</summary>
    public Collab.Projects.ProjectQuotas Quotas { get; init; } = Collab.Projects.ProjectQuotas.Default;
    /// <summary>Ops between two snapshots of a project.</summary>
    public int SnapshotEvery { get; init; } = 1000;
    /// <summary>How long a project no one reads or edits stays in memory before it is snapshotted and let go.</summary>
    public TimeSpan KeepIdleProjectsOpen { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Compose once at start with throwaway agents, so the first real compose does not wait for the JIT (<see cref="Agents.AgentWarmUp"/>).</summary>
    public bool WarmUpAgents { get; init; } = true;
}
