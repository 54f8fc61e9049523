namespace Zordic.Server;

/// <summary>
/// A background job that runs every <see cref="Period"/> until the studio stops. Stopping, or the host
/// being disposed after a failed start (a port in use), ends it quietly rather than as a failed service.
/// A sweep that fails is logged and tried again at the next tick: an exception escaping a background
/// service would stop the whole studio.
/// </summary>
public abstract class PeriodicSweep(TimeProvider clock, ILogger log) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Period { get; }

    protected abstract Task SweepAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogError(e, "{Sweep} failed; trying again in {Period}", GetType().Name, Period);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
