using System.Collections.Concurrent;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>What a fuzz run found: counts by kind, and each finding with the case that caused it (its reproduction).</summary>
public sealed class FuzzReport
{
    public const int KeptFindings = 40;

    public int Cases;
    public int RestCases;
    public int HubCases;
    /// <summary>HTTP responses with a 5xx status.</summary>
    public int Rest5xx;
    /// <summary>Hub calls answered with SignalR's generic error instead of a HubResult.</summary>
    public int HubGenericErrors;
    /// <summary>Cases after which the project no longer equalled its op log, or a normal edit no longer took effect.</summary>
    public int BrokenProjects;
    /// <summary>Every other broken promise: a result without a code, an error in the server's log, a connection that went away.</summary>
    public int InvariantFailures;
    public double Seconds;
    /// <summary>Hub cases not sent: the .NET SignalR client cannot write unpaired surrogates (REST sends them).</summary>
    public int Unsendable;

    public ConcurrentQueue<string> Findings { get; } = new();

    /// <summary>Hub calls SignalR refused before the studio saw them (<see cref="Harness.SignalRRefusals"/>), by kind: not failures.</summary>
    public SortedDictionary<string, int> SignalRRefusals { get; } = new(StringComparer.Ordinal);

    /// <summary>Failures of every kind above.</summary>
    public int Failures;

    /// <summary>True when nothing failed.</summary>
    public bool Clean => Failures == 0;

    public void Add(string kind, string what)
    {
        Failures++;
        if (Findings.Count < KeptFindings) Findings.Enqueue($"[{kind}] {what}");
    }

    public void Refused(string bySignalR)
    {
        lock (SignalRRefusals) SignalRRefusals[bySignalR] = SignalRRefusals.GetValueOrDefault(bySignalR) + 1;
    }

    public Dictionary<string, object> ToJson() => new()
    {
        ["cases"] = Cases,
        ["rest_5xx"] = Rest5xx,
        ["hub_generic_errors"] = HubGenericErrors,
        ["broken_projects"] = BrokenProjects,
        ["invariant_failures"] = InvariantFailures,
        ["seconds"] = Math.Round(Seconds, 1),
        ["rest_cases"] = RestCases,
        ["hub_cases"] = HubCases,
        ["unsendable"] = Unsendable,
        ["signalr_refusals"] = SignalRRefusals,
    };

    public string Summary() =>
        $"{Cases} cases ({RestCases} REST, {HubCases} hub): {Rest5xx} 5xx, {HubGenericErrors} generic hub errors, {BrokenProjects} broken projects, {InvariantFailures} invariant failures; "
        + $"SignalR's own refusals: {(SignalRRefusals.Count == 0 ? "none" : string.Join(", ", SignalRRefusals.Select(k => $"{k.Key} ×{k.Value}")))}"
        + (Findings.IsEmpty ? "" : "\n" + string.Join("\n", Findings));
}
