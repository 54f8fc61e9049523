using System.Collections.Concurrent;
using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Collab.Undo;
using Zordic.Music.Document;
using Zordic.Music.Theory;

namespace Zordic.Collab.Projects;

/// <summary>A project's document together with the log position and version vector it reflects.</summary>
public sealed record ProjectState(Project Document, VersionVector VersionVector, long Sequence);

/// <summary>
/// The one write path of the studio (DESIGN decision 1): every change to a project, whatever its
/// source, is validated and applied to the project's authoritative replica, appended to its op log,
/// and then announced through <see cref="Applied"/> in log order. Keeps opened projects in memory until
/// they have been idle for a while (<see cref="EvictIdleAsync"/>).
/// </summary>
public sealed class ProjectCatalog(IProjectStore store, TimeProvider? clock = null, int snapshotEvery = 1000)
{
    /// <summary>The session id under which the server authors ops for the REST API and the CLI.</summary>
    public const string ApiSession = "api";

    readonly ConcurrentDictionary<string, Lazy<Task<OpenProject>>> _open = new(StringComparer.Ordinal);
    readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Raised inside the project's gate after each appended batch, so handlers see batches in log order;
    /// a handler must only hand the batch on (e.g. to a channel), never block.
    /// </summary>
    public event Action<AppliedBatch>? Applied;

    public IProjectStore Store => store;

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
            if (session.Replica.Accept(op) is { } rejection) throw new OperationRejectedException(rejection);
        }
        var now = _clock.GetUtcNow();
        await store.CreateAsync(new ProjectInfo(id, name, now, now, 0), ct);
        await ExecuteAsync(id, ops, ct);
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
    /// Validates, applies and logs ops in the order given; each gets its own result. Ops already in the
    /// log (a client resending after a lost acknowledgement) are reported as duplicates and change nothing.
    /// </summary>
    /// <param name="captureInverses">Also compute, for each applied op, the edit that undoes it (<see cref="OperationResult.Inverse"/>).</param>
    public Task<IReadOnlyList<OperationResult>> ExecuteAsync(string projectId, IReadOnlyList<CollaborativeOperation> ops, CancellationToken ct, bool captureInverses = false) =>
        WithGateAsync(projectId, project => ExecuteLockedAsync(projectId, project, ops, captureInverses, ct), ct);

    /// <summary>
    /// Lets the server author ops as <paramref name="userId"/> in the API session, looking at the current
    /// document while no one else writes, then executes them as any other ops.
    /// </summary>
    public Task<IReadOnlyList<OperationResult>> EditAsync(string projectId, string userId,
        Func<EditingSession, IReadOnlyList<CollaborativeOperation>> author, CancellationToken ct, string sessionId = ApiSession, bool captureInverses = false) =>
        WithGateAsync(projectId, project =>
        {
            var ops = author(new EditingSession(project.Replica, userId, sessionId, _clock));
            return ExecuteLockedAsync(projectId, project, ops, captureInverses, ct);
        }, ct);

    async Task<IReadOnlyList<OperationResult>> ExecuteLockedAsync(string projectId, OpenProject project, IReadOnlyList<CollaborativeOperation> ops, bool captureInverses, CancellationToken ct)
    {
        var results = new OperationResult?[ops.Count];
        var accepted = new List<CollaborativeOperation>(ops.Count);
        var inverses = captureInverses ? new List<InverseEdit?>(ops.Count) : null;
        var acceptedAt = new List<int>(ops.Count);
        var pendingById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            if (op.SessionId is not null && project.Replica.HasSeen(op.SessionId, op.Sequence))
            {
                if (pendingById.ContainsKey(op.OpId)) continue; // resolved once the batch has its numbers
                if (await store.FindSequenceAsync(projectId, op.OpId, ct) is { } loggedAt)
                {
                    results[i] = OperationResult.Duplicate(op.OpId, loggedAt);
                    continue;
                }
            }
            var inverse = captureInverses ? project.Replica.InverseOf(op) : null;
            var rejection = project.Replica.Accept(op);
            if (rejection is not null)
            {
                results[i] = OperationResult.Rejected(op.OpId ?? "", rejection);
                continue;
            }
            inverses?.Add(inverse);
            pendingById[op.OpId!] = accepted.Count;
            accepted.Add(op);
            acceptedAt.Add(i);
        }
        if (accepted.Count == 0) return results!;

        IReadOnlyList<long> sequences;
        try
        {
            sequences = await store.AppendAsync(projectId, accepted, project.Replica.Listing, CancellationToken.None);
        }
        catch
        {
            // The replica now holds ops the log does not: replace it with what is durable.
            var durable = await LoadAsync(projectId);
            project.Replica = durable.Replica;
            project.LastSequence = durable.LastSequence;
            project.SnapshotSequence = durable.SnapshotSequence;
            throw;
        }
        var logged = new LoggedOperation[accepted.Count];
        for (var k = 0; k < accepted.Count; k++)
        {
            results[acceptedAt[k]] = OperationResult.Applied(accepted[k].OpId, sequences[k], inverses?[k]);
            logged[k] = new LoggedOperation(sequences[k], accepted[k]);
        }
        for (var i = 0; i < ops.Count; i++)
        {
            if (results[i] is null) results[i] = OperationResult.Duplicate(ops[i].OpId, sequences[pendingById[ops[i].OpId]]);
        }
        project.LastSequence = sequences[^1];
        if (project.LastSequence - project.SnapshotSequence >= snapshotEvery) await SnapshotAsync(projectId, project, CancellationToken.None);
        Applied?.Invoke(new AppliedBatch(projectId, logged));
        return results!;
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
                return await work(project);
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
        catch (ProjectNotFoundException)
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<Task<OpenProject>>>(projectId, lazy));
            throw;
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
        return new OpenProject(replica, last, snapshot?.Sequence ?? 0) { LastUsed = _clock.GetTimestamp() };
    }
}
