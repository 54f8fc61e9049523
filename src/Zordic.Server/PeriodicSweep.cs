namespace Zordic.Server;

/// <summary>
/// A background job that runs every <see cref="Period"/> until the studio stops. Stopping, or the host
/// being disposed after a failed start (a port in use), ends it quietly rather than as a failed service.
/// </summary>
public abstract class PeriodicSweep(TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Period { get; }

    protected abstract Task SweepAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await SweepAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
