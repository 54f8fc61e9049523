using Zordic.Collab.Projects;

namespace Zordic.Server.Api.Contracts;

/// <summary>One submitted op's fate: <c>applied</c> or <c>duplicate</c> with its log position, or <c>rejected</c> with a code.</summary>
public sealed record OperationResultJson(string OpId, string Status, long? Seq, string? Code, string? Message)
{
    public static OperationResultJson From(OperationResult r) => new(r.OpId, r.Status switch
    {
        OperationStatus.Applied => "applied",
        OperationStatus.Duplicate => "duplicate",
        _ => "rejected",
    }, r.Sequence, r.Rejection?.Code, r.Rejection?.Message);
}

/// <summary>The answer to <c>POST /api/projects/{id}/ops</c>: one result per op, in the order sent.</summary>
public sealed record SubmitOperationsResponse(IReadOnlyList<OperationResultJson> Results, int Applied, int Rejected);

/// <summary>A page of the op log for catch-up; ask again after <c>last_seq</c> while <c>has_more</c>.</summary>
public sealed record OperationPage(IReadOnlyList<LoggedOperationJson> Ops, long LastSeq, bool HasMore);

public sealed record LoggedOperationJson(long Seq, Zordic.Collab.Operations.CollaborativeOperation Op);
