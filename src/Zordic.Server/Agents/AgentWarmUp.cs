using Zordic.Agents.Runtime;
using Zordic.Agents.Swarm;

namespace Zordic.Server.Agents;

/// <summary>
/// Composes once when the studio starts, with a throwaway set of agents: their own AgentDb in a temporary
/// folder, deleted afterwards, so nothing reaches the studio's patterns, memory or learning traces. The
/// first person to press Compose after a start then finds the agents, AgentDb and the bus compiled by the
/// JIT (0.06–0.08 s for that first compose instead of 0.27 s; docs/agents.md).
/// </summary>
public sealed class AgentWarmUp(StudioOptions options, ILogger<AgentWarmUp> log) : BackgroundService
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Completes when the warm-up compose is done (or skipped, or failed) and its folder removed.</summary>
    public Task Completed => _completed.Task;
    readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The temporary folder of the throwaway agents, once chosen.</summary>
    public string? Folder { get; private set; }

    /// <summary>Whether the melody and the harmony agent answered the warm-up's beat.</summary>
    public bool Composed { get; private set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Off the start-up path: the server listens while this runs.
        Task.Run(async () =>
        {
            try
            {
                if (options.WarmUpAgents) await ComposeOnceAsync(stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The studio stopped first.
            }
            catch (Exception e)
            {
                // A failed warm-up costs the first user some milliseconds, nothing else.
                log.LogWarning(e, "agent warm-up failed");
            }
            finally
            {
                _completed.TrySetResult();
            }
        }, CancellationToken.None);

    async Task ComposeOnceAsync(CancellationToken ct)
    {
        Folder = Directory.CreateTempSubdirectory("zordic-warm-up-").FullName;
        try
        {
            await using var agents = await StudioAgents.StartAsync(Folder, TimeProvider.System, ct);
            var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var parts = 0;
            ValueTask OnPart(AgentMessage _)
            {
                if (Interlocked.Increment(ref parts) == 2) answered.TrySetResult();
                return ValueTask.CompletedTask;
            }
            using var melody = agents.Bus.Subscribe(new TopicPattern(AgentTopics.MelodySuggested), OnPart);
            using var harmony = agents.Bus.Subscribe(new TopicPattern(AgentTopics.HarmonySuggested), OnPart);
            var request = new ComposeRequest("lo-fi beat, 85 bpm, A minor", 1, null, "warm-up");
            await agents.Engine.PublishAsync(request.ToBeatRequest("warm-up", Guid.CreateVersion7().ToString()), ct);
            await answered.Task.WaitAsync(Wait, ct);
            Composed = true;
        }
        finally
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; the system clears it.
            }
        }
    }
}
