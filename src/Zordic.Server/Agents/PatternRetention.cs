namespace Zordic.Server.Agents;

/// <summary>
/// Every hour, lets go of the agents' patterns that nobody kept or discarded once they are older than
/// <see cref="StudioOptions.KeepUnansweredPatterns"/> or beyond <see cref="StudioOptions.MaxUnansweredPatterns"/>
/// of a kind (<see cref="Zordic.Agents.Swarm.PatternLibrary.ForgetUnansweredAsync"/>).
/// </summary>
public sealed class PatternRetention(StudioAgents agents, StudioOptions options, TimeProvider clock, ILogger<PatternRetention> log) : PeriodicSweep(clock, log)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override Task SweepAsync(CancellationToken ct) =>
        agents.Library.ForgetUnansweredAsync(options.KeepUnansweredPatterns, options.MaxUnansweredPatterns, ct);
}
