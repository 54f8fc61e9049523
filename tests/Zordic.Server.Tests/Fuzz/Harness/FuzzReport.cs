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

    /// <summary>Failures that are <see cref="KnownFindings"/>, by name: counted above too.</summary>
    public SortedDictionary<string, int> Known { get; } = new(StringComparer.Ordinal);

    /// <summary>Failures that are not known findings.</summary>
    public int New;

    /// <summary>True when every failure was a known finding.</summary>
    public bool Clean => New == 0;

    public void Add(string kind, string what, string? known)
    {
        if (known is not null)
        {
            Known[known] = Known.GetValueOrDefault(known) + 1;
            return;
        }
        New++;
        if (Findings.Count < KeptFindings) Findings.Enqueue($"[{kind}] {what}");
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
        ["known_findings"] = Known,
        ["new_failures"] = New,
    };

    public string Summary() =>
        $"{Cases} cases ({RestCases} REST, {HubCases} hub): {Rest5xx} 5xx, {HubGenericErrors} generic hub errors, {BrokenProjects} broken projects, {InvariantFailures} invariant failures; "
        + $"{New} new, known: {(Known.Count == 0 ? "none" : string.Join(", ", Known.Select(k => $"{k.Key} ×{k.Value}")))}"
        + (Findings.IsEmpty ? "" : "\n" + string.Join("\n", Findings));
}
