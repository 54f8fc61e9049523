using Microsoft.AspNetCore.SignalR.Client;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// A running studio the fuzzer talks to: the test suite's in-process <c>StudioHost</c>, or the benchmark's
/// studio on Kestrel. The harness needs no more than this, so that both run the same cases and checks.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>A client of the studio's REST API (base address set).</summary>
    HttpClient Http { get; }

    /// <summary>A new, not yet started, SignalR connection to <c>/hubs/studio</c> with the studio's JSON options.</summary>
    HubConnection NewHubConnection();

    /// <summary>The server's own replica of a project, as <c>ReplicaSnapshot.Write</c> bytes.</summary>
    Task<byte[]> ServerStateAsync(string projectId);

    /// <summary>How many entries the server has logged at Error or above so far, and the latest of them.</summary>
    (int Count, string? Latest) ServerErrors();
}
