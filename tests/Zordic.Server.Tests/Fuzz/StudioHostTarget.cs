using Microsoft.AspNetCore.SignalR.Client;
using Zordic.Server.Tests.Fuzz.Harness;

namespace Zordic.Server.Tests.Fuzz;

/// <summary>The in-process studio of the tests as a fuzz target.</summary>
public sealed class StudioHostTarget(StudioHost studio) : IFuzzTarget
{
    public HttpClient Http => studio.Client;

    public HubConnection NewHubConnection() => studio.HubConnection();

    public Task<byte[]> ServerStateAsync(string projectId) => studio.ReplicaStateAsync(projectId);

    public (int Count, string? Latest) ServerErrors()
    {
        var errors = studio.Log.Entries.Where(e => e.StartsWith("Error ", StringComparison.Ordinal) || e.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        return (errors.Count, errors.LastOrDefault());
    }

    /// <summary>Hub budgets wide enough that the checks' own edits are never throttled (rate limits have tests of their own).</summary>
    public static Zordic.Server.Hubs.StudioHubOptions HubOptions => new() { OpsPerSecond = 1_000_000, OpsBurst = 1_000_000 };
}
