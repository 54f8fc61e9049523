using Zordic.Collab.Operations;

namespace Zordic.Collab.Projects;

/// <summary>What became of one submitted operation.</summary>
public enum OperationStatus { Applied, Duplicate, Rejected }

/// <summary>
/// The outcome of one submitted op: applied (with its log position), a duplicate of an op already in
/// the log (with that position; nothing changed), or rejected with a reason.
/// </summary>
public sealed record OperationResult(string OpId, OperationStatus Status, long? Sequence, Rejection? Rejection)
{
    public static OperationResult Applied(string opId, long sequence) => new(opId, OperationStatus.Applied, sequence, null);
    public static OperationResult Duplicate(string opId, long sequence) => new(opId, OperationStatus.Duplicate, sequence, null);
    public static OperationResult Rejected(string opId, Rejection rejection) => new(opId, OperationStatus.Rejected, null, rejection);
}

/// <summary>Ops that entered a project's log together, in log order: what the hub broadcasts.</summary>
public sealed record AppliedBatch(string ProjectId, IReadOnlyList<LoggedOperation> Operations);
