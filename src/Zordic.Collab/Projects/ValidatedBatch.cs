using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Collab.Undo;

namespace Zordic.Collab.Projects;

/// <summary>
/// A batch checked op by op and applied to the project's replica under an open journal, not yet in the
/// log: the ops to append (in their logged, compact form) and where each goes among the results. Ops that
/// are resends, reuse an id, write in a server session, pass a quota or fail the replica's checks get their
/// result here; the catalog appends the rest, or takes the whole batch back with the journal.
/// </summary>
internal sealed record ValidatedBatch(ReplicaJournal Journal, OperationResult?[] Results, List<CollaborativeOperation> Accepted, List<int> AcceptedAt,
    List<InverseEdit?>? Inverses, Dictionary<string, int> PendingById)
{
    public static ValidatedBatch Of(OpenProject project, IReadOnlyList<CollaborativeOperation> ops, IReadOnlyDictionary<string, LoggedOperationId> resent,
        IReadOnlySet<string> reused, ProjectQuotas quotas, bool fromClient, bool captureInverses, bool parentsToCome)
    {
        var replica = project.Replica;
        var batch = new ValidatedBatch(replica.BeginBatch(), new OperationResult?[ops.Count], new List<CollaborativeOperation>(ops.Count), new List<int>(ops.Count),
            captureInverses ? new List<InverseEdit?>(ops.Count) : null, new Dictionary<string, int>(StringComparer.Ordinal));
        // Whatever a check throws, the batch is taken back and the journal closed: an open journal would
        // refuse every later batch of the project.
        try
        {
            for (var i = 0; i < ops.Count; i++)
            {
                var op = ops[i];
                var opId = op.OpId ?? "";
                if (batch.PendingById.TryGetValue(opId, out var pending))
                {
                    // The same op twice in one batch is one op; another op under its id is refused.
                    if (!IsSameOp(batch.Accepted[pending], op)) batch.Results[i] = Refuse(op, DuplicateId(opId));
                    continue;
                }
                if (resent.TryGetValue(opId, out var logged))
                {
                    batch.Results[i] = logged.SessionId == op.SessionId && logged.SessionSequence == op.Sequence
                        ? OperationResult.Duplicate(opId, logged.Sequence)
                        : Refuse(op, DuplicateId(opId));
                    continue;
                }
                if (reused.Contains(opId))
                {
                    batch.Results[i] = Refuse(op, DuplicateId(opId));
                    continue;
                }
                if (fromClient && ServerSessions.IsReserved(op.SessionId))
                {
                    batch.Results[i] = Refuse(op, new(RejectionCodes.ReservedSession, $"session_id '{op.SessionId}' is one the server edits under; use a session id of your own (a new UUID per tab or script run)"));
                    continue;
                }
                if (project.LastSequence + batch.Accepted.Count >= quotas.MaxLogOperations)
                {
                    batch.Results[i] = Refuse(op, new(RejectionCodes.QuotaExceeded, $"the project's op log holds its {quotas.MaxLogOperations:N0} operations; copy the project to go on"));
                    continue;
                }
                var inverse = captureInverses ? replica.InverseOf(op) : null;
                if (replica.Accept(op, quotas, parentsToCome) is { } rejection)
                {
                    batch.Results[i] = Refuse(op, rejection);
                    continue;
                }
                batch.Inverses?.Add(inverse);
                batch.PendingById[opId] = batch.Accepted.Count;
                batch.Accepted.Add(Compact(op));
                batch.AcceptedAt.Add(i);
            }
        }
        catch
        {
            batch.Journal.Rollback();
            throw;
        }
        return batch;

        static OperationResult Refuse(CollaborativeOperation op, Rejection rejection) => OperationResult.Rejected(op.OpId ?? "", rejection);
        static Rejection DuplicateId(string opId) => new(RejectionCodes.DuplicateOpId, $"op_id '{opId}' belongs to another operation already; every operation needs a new id");
        static bool IsSameOp(CollaborativeOperation a, CollaborativeOperation b) => a.SessionId == b.SessionId && a.Sequence == b.Sequence;
    }

    // The log keeps an op's vector in its compact form: its own count and the rest of its clock under "~".
    // Same sum, so the same stamp on every replica, however many sessions the author's vector listed.
    static CollaborativeOperation Compact(CollaborativeOperation op) =>
        op.VersionVector.Count <= 2 && op.VersionVector.Keys.All(k => k == op.SessionId || k == VersionVector.PastKey)
            ? op
            : op with { VersionVector = VersionVector.Lamport(op.SessionId, op.Sequence, op.VersionVector.Sum) };
}
