using Zordic.Collab.Projects;

namespace Zordic.Server.Storage;

/// <summary>
/// Lets the catalog drop projects no one has touched for <see cref="StudioOptions.KeepIdleProjectsOpen"/>,
/// so a long-running studio holds the projects being worked on, not every project ever opened.
/// </summary>
public sealed class IdleProjectEviction(ProjectCatalog catalog, StudioOptions options, TimeProvider clock, ILogger<IdleProjectEviction> log) : PeriodicSweep(clock, log)
{
    // A quarter of the idle time between sweeps, at least a second and at most a minute.
    protected override TimeSpan Period =>
        TimeSpan.FromTicks(Math.Clamp((options.KeepIdleProjectsOpen / 4).Ticks, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    // A failed snapshot leaves that project open; the next sweep tries again (PeriodicSweep logs it).
    protected override Task SweepAsync(CancellationToken ct) => catalog.EvictIdleAsync(options.KeepIdleProjectsOpen, ct);
}
