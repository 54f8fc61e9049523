using Zordic.Collab.Projects;

namespace Zordic.Server.Storage;

/// <summary>
/// Lets the catalog drop projects no one has touched for <see cref="StudioOptions.KeepIdleProjectsOpen"/>,
/// so a long-running studio holds the projects being worked on, not every project ever opened.
/// </summary>
public sealed class IdleProjectEviction(ProjectCatalog catalog, StudioOptions options, TimeProvider clock, ILogger<IdleProjectEviction> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idleFor = options.KeepIdleProjectsOpen;
        // A quarter of the idle time between sweeps, at least a second and at most a minute.
        var sweep = TimeSpan.FromTicks(Math.Clamp((idleFor / 4).Ticks, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(sweep, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await catalog.EvictIdleAsync(idleFor, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed snapshot leaves that project open; the next sweep tries again.
                log.LogWarning(e, "evicting idle projects failed");
            }
        }
    }
}
