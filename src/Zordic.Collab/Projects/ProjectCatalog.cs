using System.Collections.Concurrent;
using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Collab.Undo;
using Zordic.Music.Theory;

namespace Zordic.Collab.Projects;

/// <summary>A project's document together with the log position and version vector it reflects.</summary>
public sealed record ProjectState(Music.Document.Project Document, VersionVector VersionVector, long Sequence);

/// <summary>
/// The one write path of the studio (docs/architecture.md): every change to a project, whatever its
/// source, is validated and applied to the project's authoritative replica, appended to its op log,
/// and then announced through <see cref="Applied"/> in log order. A batch is all or nothing: when its
/// append fails the replica is put back as it was. Keeps opened projects in memory until they have been
/// idle for a while (<see cref="EvictIdleAsync"/>).
/// </summary>
public sealed class ProjectCatalog(IProjectStore store, TimeProvider? clock = null, int snapshotEvery = 1000, ProjectQuotas? quotas = null)
{
    /// <summary>The session id under which the server authors ops for the REST API and the CLI.</summary>
    public const string ApiSession = ServerSessions.Api;

    readonly ConcurrentDictionary<string, Lazy<Task<OpenProject>>> _open = new(StringComparer.Ordinal);
    readonly TimeProvider _clock = clock ?? TimeProvider.System;
    readonly ProjectQuotas _quotas = quotas ?? ProjectQuotas.Default;

    /// <summary>
    /// Raised inside the project's gate after each appended batch, so handlers see batches in log order;
    /// a handler must only hand the batch on (e.g. to a channel), never block.
    /// </summary>
    public event Action<AppliedBatch>? Applied;

    /// <summary>
    /// Raised when saving a snapshot failed after a batch was logged. The batch stands (snapshots only
    /// speed up opening a project); the next batch tries again.
    /// </summary>
    public event Action<string, Exception>? SnapshotFailed;

    /// <summary>Reads projects and op logs; writing is this catalog's alone.</summary>
    public IOpLogReader Log => store;

    public ProjectQuotas Quotas => _quotas;

    public async Task<ProjectState> CreateAsync(string name, double? bpm, MusicalKey? key, string userId, CancellationToken ct)
    {
        var id = Guid.CreateVersion7().ToString();
        var session = new EditingSession(new ProjectReplica(id), userId, ApiSession, _clock);
        var ops = new List<CollaborativeOperation> { session.Next(OperationType.Update, ["name"], JsonSerializer.SerializeToElement(name)) };
        if (bpm is { } b) ops.Add(session.Next(OperationType.Update, ["bpm"], JsonSerializer.SerializeToElement(b)));
        if (key is { } k) ops.Add(session.Next(OperationType.Update, ["key"], PropertyJson.ToJson(Property.Key, PropertyValue.Of(k))));
        // Check on a scratch replica first, so a bad name or tempo creates nothing.
        foreach (var op in ops)
        {
            if (session.Replica.Accept(op, _quotas) is { } rejection) throw new OperationRejectedException(rejection);
        }
        var now = _clock.GetUtcNow();
        await store.CreateAsync(new ProjectInfo(id, name, now, now, 0), ct);
        await WithGateAsync(id, project => ExecuteLockedAsync(id, project, ops, fromClient: false, captureInverses: false, ct), ct);
        return (await GetAsync(id, ct))!;
    }

    public Task<IReadOnlyList<ProjectInfo>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    public async Task<bool> DeleteAsync(string projectId, CancellationToken ct)
    {
        if (_open.TryRemove(projectId, out var lazy) && lazy.IsValueCreated)
        {
            try
            {
                var project = await lazy.Value;
                await project.Gate.WaitAsync(ct);
                project.Deleted = true;
                project.Gate.Release();
            }
            catch (ProjectNotFoundException) { }
        }
        return await store.DeleteAsync(projectId, ct);
    }

    /// <summary>The current document, or null when there is no such project.</summary>
    public async Task<ProjectState?> GetAsync(string projectId, CancellationToken ct)
    {
        try
        {
            return await WithProjectAsync(projectId, p => new ProjectState(p.Replica.ToDocument(), p.Replica.VersionVector, p.LastSequence), ct);
        }
        catch (ProjectNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="read"/> on the project's replica while no write can interleave.</summary>
    public Task<T> ReadAsync<T>(string projectId, Func<ProjectReplica, long, T> read, CancellationToken ct) =>
        WithProjectAsync(projectId, p => read(p.Replica, p.LastSequence), ct);

    /// <summary>
    /// Validates, applies and logs ops sent by a client, in the order given; each gets its own result. Ops
    /// already in the log (a client resending after a lost acknowledgement) are reported as duplicates and
    /// change nothing. Ops in the server's own sessions (<see cref="ServerSessions"/>) are refused.
    /// </summary>
    /// <param name="captureInverses">Also compute, for each applied op, the edit that undoes it (<see cref="OperationResult.Inverse"/>).</param>
    /// <exception cref="StorageUnavailableException">The log could not be written; nothing was applied.</exception>
    public Task<IReadOnlyList<OperationResult>> ExecuteAsync(string projectId, IReadOnlyList<CollaborativeOperation> ops, CancellationToken ct, bool captureInverses = false) =>
        WithGateAsync(projectId, project => ExecuteLockedAsync(projectId, project, ops, fromClient: true, captureInverses, ct), ct);

    /// <summary>
    /// Lets the server author ops as <paramref name="userId"/> in one of its sessions, looking at the current
    /// document while no one else writes, then executes them as any other ops.
    /// </summary>
    public Task<IReadOnlyList<OperationResult>> EditAsync(string projectId, string userId,
        Func<EditingSession, IReadOnlyList<CollaborativeOperation>> author, CancellationToken ct, string sessionId = ApiSession, bool captureInverses = false) =>
        WithGateAsync(projectId, async project =>
        {
            await RememberSessionsAsync(projectId, project, [sessionId], ct);
            var ops = author(new EditingSession(project.Replica, userId, sessionId, _clock));
            return await ExecuteLockedAsync(projectId, project, ops, fromClient: false, captureInverses, ct);
        }, ct);

    /// <summary>
    /// Makes the replica hold the count of <paramref name="sessionId"/>, read back from the log if it let go
    /// of it, so that a state sent to that session's tab tells it where its numbering goes on.
    /// </summary>
    public Task RememberSessionAsync(string projectId, string sessionId, CancellationToken ct) =>
        WithGateAsync(projectId, async project =>
        {
            await RememberSessionsAsync(projectId, project, [sessionId], ct);
            return true;
        }, ct);

    /// <summary>Ops per transaction of an import: the project's gate and the one SQLite writer are free between chunks.</summary>
    public const int ImportChunk = 5_000;

    /// <summary>
    /// Adds whole tracks from an import (MIDI) in chunks of <see cref="ImportChunk"/> ops, so that a large
    /// file never holds the project, or the op log's one writer, for long. The tracks' contents go first and
    /// the track inserts last: until then no replica shows any of it (an object under a parent it has not
    /// seen inserted stays invisible), so the import appears whole, and one cut short by a crash not at all.
    /// </summary>
    public async Task ImportAsync(string projectId, string userId, IReadOnlyList<OperationIntent> contents, IReadOnlyList<OperationIntent> tracks, CancellationToken ct)
    {
        foreach (var (chunk, parentsToCome) in contents.Chunk(ImportChunk).Select(c => (c, true)).Concat(tracks.Chunk(ImportChunk).Select(c => (c, false))))
        {
            var results = await WithGateAsync(projectId, async project =>
            {
                await RememberSessionsAsync(projectId, project, [ServerSessions.Midi], ct);
                var session = new EditingSession(project.Replica, userId, ServerSessions.Midi, _clock);
                return await ExecuteLockedAsync(projectId, project, [.. chunk.Select(i => session.Next(i.Type, i.Path, i.Value))],
                    fromClient: false, captureInverses: false, ct, parentsToCome);
            }, ct);
            if (results.FirstOrDefault(r => r.Status == OperationStatus.Rejected) is { } refused) throw new OperationRejectedException(refused.Rejection!);
        }
    }

    // Validate and apply the whole batch (a later op may build on an earlier one), then append it; if the
    // append fails, take the batch back so that the replica never holds an op the log does not. Everything
    // that can wait (reading the log) happens before the first op is applied, so a cancelled caller leaves
    // nothing behind; from the first applied op on the batch finishes whatever the caller does.
    async Task<IReadOnlyList<OperationResult>> ExecuteLockedAsync(string projectId, OpenProject project, IReadOnlyList<CollaborativeOperation> ops,
        bool fromClient, bool captureInverses, CancellationToken ct, bool parentsToCome = false)
    {
        var replica = project.Replica;
        await RememberSessionsAsync(projectId, project, ops.Select(o => o.SessionId), ct);
        var resent = await FindResentAsync(projectId, replica, ops, ct);
        IReadOnlySet<string> reused = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var batch = ValidatedBatch.Of(project, ops, resent, reused, _quotas, fromClient, captureInverses, parentsToCome);
            if (batch.Accepted.Count == 0)
            {
                batch.Journal.Commit();
                return batch.Results!;
            }
            IReadOnlyList<long> sequences;
            try
            {
                sequences = await store.AppendAsync(projectId, batch.Accepted, replica.Listing, CancellationToken.None);
            }
            catch (DuplicateOperationIdException) when (reused.Count == 0)
            {
                // A new op reuses the id of one in the log: find which, refuse them, and try the rest again.
                batch.Journal.Rollback();
                var found = await store.FindOperationsAsync(projectId, [.. batch.Accepted.Select(o => o.OpId)], CancellationToken.None);
                reused = found.Select(f => f.OpId).ToHashSet(StringComparer.Ordinal);
                continue;
            }
            catch (Exception e)
            {
                batch.Journal.Rollback();
                throw new StorageUnavailableException(projectId, e);
            }
            batch.Journal.Commit();
            return Complete(projectId, project, ops, batch, sequences);
        }
    }

    // The counts of the batch's sessions that the replica has let go of (or never had), read back from the
    // log, so that each op is checked against its session's real count.
    async Task RememberSessionsAsync(string projectId, OpenProject project, IEnumerable<string?> sessions, CancellationToken ct)
    {
        var unknown = sessions.Where(s => s is not null && OperationTarget.IsValidId(s) && !project.Replica.KnowsSession(s)).Distinct().ToList();
        if (unknown.Count == 0) return;
        foreach (var (session, count) in await ReadLogAsync(projectId, () => store.SessionCountsAsync(projectId, unknown!, ct)))
            project.Replica.RememberSession(session, count);
    }

    // Ops whose session has already sent their number are resends or reused ids: the log tells which.
    async Task<IReadOnlyDictionary<string, LoggedOperationId>> FindResentAsync(string projectId, ProjectReplica replica, IReadOnlyList<CollaborativeOperation> ops, CancellationToken ct)
    {
        var seen = ops.Where(o => OperationTarget.IsValidId(o.OpId) && o.SessionId is not null && replica.HasSeen(o.SessionId, o.Sequence)).Select(o => o.OpId).Distinct().ToList();
        if (seen.Count == 0) return new Dictionary<string, LoggedOperationId>();
        var found = await ReadLogAsync(projectId, () => store.FindOperationsAsync(projectId, seen, ct));
        return found.ToDictionary(f => f.OpId, StringComparer.Ordinal);
    }

    static async Task<T> ReadLogAsync<T>(string projectId, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new StorageUnavailableException(projectId, e);
        }
    }

    IReadOnlyList<OperationResult> Complete(string projectId, OpenProject project, IReadOnlyList<CollaborativeOperation> ops, ValidatedBatch batch, IReadOnlyList<long> sequences)
    {
        var logged = new LoggedOperation[batch.Accepted.Count];
        for (var k = 0; k < batch.Accepted.Count; k++)
        {
            batch.Results[batch.AcceptedAt[k]] = OperationResult.Applied(batch.Accepted[k].OpId, sequences[k], batch.Inverses?[k]);
            logged[k] = new LoggedOperation(sequences[k], batch.Accepted[k]);
        }
        // What is left are repeats, within the batch, of an op it applied.
        for (var i = 0; i < batch.Results.Length; i++) batch.Results[i] ??= OperationResult.Duplicate(ops[i].OpId, sequences[batch.PendingById[ops[i].OpId]]);
        project.LastSequence = sequences[^1];
        project.Replica.RetireSessions(_quotas.MaxLiveSessions);
        Applied?.Invoke(new AppliedBatch(projectId, logged));
        return batch.Results!;
    }

    Task<T> WithProjectAsync<T>(string projectId, Func<OpenProject, T> read, CancellationToken ct) =>
        WithGateAsync(projectId, project => Task.FromResult(read(project)), ct);

    // Runs work on the project while holding its gate. A copy evicted while we waited is stale: open the
    // project again (from its snapshot and log, where everything it held already is).
    async Task<T> WithGateAsync<T>(string projectId, Func<OpenProject, Task<T>> work, CancellationToken ct)
    {
        while (true)
        {
            var project = await OpenAsync(projectId, ct);
            await project.Gate.WaitAsync(ct);
            try
            {
                if (project.Deleted) throw new ProjectNotFoundException(projectId);
                if (project.Evicted) continue;
                var result = await work(project);
                await SnapshotIfDueAsync(projectId, project);
                return result;
            }
            finally
            {
                project.LastUsed = _clock.GetTimestamp(); // idle counts from when the last caller let go
                project.Gate.Release();
            }
        }
    }

    /// <summary>How many projects are held in memory.</summary>
    public int OpenCount => _open.Count;

    /// <summary>
    /// Lets go of projects no one has read or written for <paramref name="idleFor"/>, after snapshotting
    /// any whose log has grown since its last snapshot so that opening it again is quick. A project in use
    /// right now is skipped; one evicted while a caller waits for it is opened again for that caller.
    /// Returns how many were let go.
    /// </summary>
    public async Task<int> EvictIdleAsync(TimeSpan idleFor, CancellationToken ct)
    {
        var evicted = 0;
        foreach (var entry in _open)
        {
            if (!entry.Value.IsValueCreated || !entry.Value.Value.IsCompletedSuccessfully) continue;
            var project = entry.Value.Value.Result;
            if (_clock.GetElapsedTime(project.LastUsed) < idleFor || !project.Gate.Wait(0)) continue;
            try
            {
                if (project.Deleted || project.Evicted || _clock.GetElapsedTime(project.LastUsed) < idleFor) continue;
                if (project.LastSequence > project.SnapshotSequence) await SnapshotAsync(entry.Key, project, ct);
                project.Evicted = true;
                _open.TryRemove(entry);
                evicted++;
            }
            finally
            {
                project.Gate.Release();
            }
        }
        return evicted;
    }

    // After the batch is logged and announced, outside its result: a failed snapshot costs only a longer
    // replay when the project is next opened, and is tried again after the next batch.
    async Task SnapshotIfDueAsync(string projectId, OpenProject project)
    {
        if (project.Deleted || project.LastSequence - project.SnapshotSequence < snapshotEvery) return;
        try
        {
            await SnapshotAsync(projectId, project, CancellationToken.None);
        }
        catch (Exception e)
        {
            SnapshotFailed?.Invoke(projectId, e);
        }
    }

    // Call holding the project's gate.
    async Task SnapshotAsync(string projectId, OpenProject project, CancellationToken ct)
    {
        await store.SaveSnapshotAsync(projectId, new ProjectSnapshot(project.LastSequence, ReplicaSnapshot.Write(project.Replica)), ct);
        project.SnapshotSequence = project.LastSequence;
    }

    async Task<OpenProject> OpenAsync(string projectId, CancellationToken ct)
    {
        var lazy = _open.GetOrAdd(projectId, id => new Lazy<Task<OpenProject>>(() => LoadAsync(id)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not found, or the store failed: forget the attempt, so that the next caller tries again.
            _open.TryRemove(new KeyValuePair<string, Lazy<Task<OpenProject>>>(projectId, lazy));
            if (e is ProjectNotFoundException or StorageUnavailableException) throw;
            throw new StorageUnavailableException(projectId, e);
        }
    }

    /// <summary>Rebuilds a project from its newest snapshot and the ops logged after it.</summary>
    async Task<OpenProject> LoadAsync(string projectId)
    {
        if (!OperationTarget.IsValidId(projectId) || await store.GetAsync(projectId, CancellationToken.None) is null)
            throw new ProjectNotFoundException(projectId);
        var snapshot = await store.LoadSnapshotAsync(projectId, CancellationToken.None);
        var replica = snapshot is null ? new ProjectReplica(projectId) : ReplicaSnapshot.Read(snapshot.State);
        var last = snapshot?.Sequence ?? 0;
        while (true)
        {
            var page = await store.ReadAsync(projectId, last, 10_000, CancellationToken.None);
            if (page.Count == 0) break;
            foreach (var logged in page)
            {
                if (replica.Apply(logged.Operation) is { } rejection)
                    throw new InvalidDataException($"op {logged.Sequence} of project {projectId} no longer applies: {rejection}");
            }
            last = page[^1].Sequence;
        }
        replica.RetireSessions(_quotas.MaxLiveSessions);
        return new OpenProject(replica, last, snapshot?.Sequence ?? 0) { LastUsed = _clock.GetTimestamp() };
    }
}
