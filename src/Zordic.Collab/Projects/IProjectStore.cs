using Zordic.Collab.Operations;
using Zordic.Music.Theory;

namespace Zordic.Collab.Projects;

/// <summary>
/// A project as listed: its id, its current name, how far its op log goes, and its tempo, key and
/// number of tracks as of its last edit (null for a project last edited before the list kept them).
/// </summary>
public sealed record ProjectInfo(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long LastSequence,
    double? Bpm = null, MusicalKey? Key = null, int? TrackCount = null);

/// <summary>What the project list shows of a document, recorded with every append so listing never loads one.</summary>
public sealed record ProjectListing(string Name, double Bpm, MusicalKey Key, int TrackCount);

/// <summary>An operation as the op log holds it, with its number in the project's log.</summary>
public sealed record LoggedOperation(long Sequence, CollaborativeOperation Operation);

/// <summary>The newest saved replica state of a project and the log position it includes.</summary>
public sealed record ProjectSnapshot(long Sequence, byte[] State);

/// <summary>An op id found in the log: where it is, and which session's op it numbers.</summary>
public sealed record LoggedOperationId(string OpId, long Sequence, string SessionId, long SessionSequence);

/// <summary>
/// What readers of projects may do: list them, and read op logs for catch-up and history. Everything
/// that writes goes through <see cref="ProjectCatalog"/> (the one write path), which alone holds the
/// <see cref="IProjectStore"/>.
/// </summary>
public interface IOpLogReader
{
    Task<IReadOnlyList<ProjectInfo>> ListAsync(CancellationToken ct);
    Task<ProjectInfo?> GetAsync(string projectId, CancellationToken ct);

    /// <summary>Ops with a sequence number above <paramref name="afterSequence"/>, in log order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LoggedOperation>> ReadAsync(string projectId, long afterSequence, int limit, CancellationToken ct);

    /// <summary>
    /// Ops that a replica which has seen <paramref name="known"/> lacks: those numbered above the
    /// replica's count for their session. In log order, starting after <paramref name="afterSequence"/>.
    /// </summary>
    Task<IReadOnlyList<LoggedOperation>> ReadMissingAsync(string projectId, VersionVector known, long afterSequence, int limit, CancellationToken ct);

    /// <summary>Those of <paramref name="opIds"/> that are in the log: how resent ops, and reused ids, are recognised.</summary>
    Task<IReadOnlyList<LoggedOperationId>> FindOperationsAsync(string projectId, IReadOnlyCollection<string> opIds, CancellationToken ct);

    /// <summary>The highest op number the log holds for each of <paramref name="sessionIds"/> that has any.</summary>
    Task<IReadOnlyDictionary<string, long>> SessionCountsAsync(string projectId, IReadOnlyCollection<string> sessionIds, CancellationToken ct);
}

/// <summary>
/// Where projects, their op logs and snapshots live. The embedded default is SQLite under the data
/// directory; a PostgreSQL adapter implements the same contract for several nodes. An append is
/// durable when its task completes: callers acknowledge ops only after that.
/// </summary>
public interface IProjectStore : IOpLogReader
{
    Task CreateAsync(ProjectInfo project, CancellationToken ct);
    /// <summary>Removes the project, its log and snapshots; false when there was no such project.</summary>
    Task<bool> DeleteAsync(string projectId, CancellationToken ct);

    /// <summary>
    /// Appends ops in one transaction, records the project's <paramref name="listing"/> after them, and
    /// returns the sequence numbers the log gave them. All or nothing: when an op's id is in the log
    /// already it throws <see cref="DuplicateOperationIdException"/> and appends none.
    /// </summary>
    Task<IReadOnlyList<long>> AppendAsync(string projectId, IReadOnlyList<CollaborativeOperation> ops, ProjectListing listing, CancellationToken ct);

    Task SaveSnapshotAsync(string projectId, ProjectSnapshot snapshot, CancellationToken ct);
    Task<ProjectSnapshot?> LoadSnapshotAsync(string projectId, CancellationToken ct);
}
