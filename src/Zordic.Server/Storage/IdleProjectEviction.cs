using Zordic.Collab.Projects;

namespace Zordic.Server.Storage;

/// <summary>
/// Lets the catalog drop projects no one has touched for <see cref="StudioOptions.KeepIdleProjectsOpen"/>,
/// so a long-running studio holds the projects being worked on, not every project ever opened.
/// </summary>
public sealed class IdleProjectEviction(ProjectCatalog catalog, StudioOptions options, TimeProvider clock, ILogger<IdleProjectEviction> log) : PeriodicSweep(clock)
{
    // A quarter of the idle time between sweeps, at least a second and at most a minute.
    protected override TimeSpan Period =>
        TimeSpan.FromTicks(Math.Clamp((options.KeepIdleProjectsOpen / 4).Ticks, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    protected override async Task SweepAsync(CancellationToken ct)
    {
        try
        {
            await catalog.EvictIdleAsync(options.KeepIdleProjectsOpen, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed snapshot leaves that project open; the next sweep tries again.
            log.LogWarning(e, "evicting idle projects failed");
        }
    }
}
