using Zordic.Collab.Operations;
using Zordic.Collab.Undo;

namespace Zordic.Collab.Projects;

/// <summary>What became of one submitted operation.</summary>
public enum OperationStatus { Applied, Duplicate, Rejected }

/// <summary>
/// The outcome of one submitted op: applied (with its log position), a duplicate of an op already in
/// the log (with that position; nothing changed), or rejected with a reason.
/// </summary>
public sealed record OperationResult(string OpId, OperationStatus Status, long? Sequence, Rejection? Rejection)
{
    /// <summary>For an applied op executed with inverses captured: the edit that takes it back.</summary>
    public InverseEdit? Inverse { get; init; }

    public static OperationResult Applied(string opId, long sequence, InverseEdit? inverse = null) => new(opId, OperationStatus.Applied, sequence, null) { Inverse = inverse };
    public static OperationResult Duplicate(string opId, long sequence) => new(opId, OperationStatus.Duplicate, sequence, null);
    public static OperationResult Rejected(string opId, Rejection rejection) => new(opId, OperationStatus.Rejected, null, rejection);
}

/// <summary>Ops that entered a project's log together, in log order: what the hub broadcasts.</summary>
public sealed record AppliedBatch(string ProjectId, IReadOnlyList<LoggedOperation> Operations);
