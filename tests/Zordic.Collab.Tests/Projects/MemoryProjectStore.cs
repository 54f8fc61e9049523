using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;

namespace Zordic.Collab.Tests.Projects;

/// <summary>
/// The store contract kept naively in lists, with a hook before every call: the catalog's tests inject
/// failures and cancellations at each step through <see cref="Before"/>. Ops are stored as JSON and read
/// back, as a real log does, so that what the catalog logs is what a reader gets.
/// </summary>
public sealed class MemoryProjectStore : IProjectStore
{
    readonly object _lock = new();
    readonly Dictionary<string, ProjectInfo> _projects = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<(long Seq, byte[] Body)>> _logs = new(StringComparer.Ordinal);
    readonly Dictionary<string, ProjectSnapshot> _snapshots = new(StringComparer.Ordinal);

    /// <summary>Called with the method's name before each call does anything; throw to make it fail.</summary>
    public Action<string, CancellationToken>? Before { get; set; }

    public int AppendCalls { get; private set; }

    public IReadOnlyList<LoggedOperation> LogOf(string projectId)
    {
        lock (_lock) return [.. _logs[projectId].Select(e => new LoggedOperation(e.Seq, CollabJson.ParseOperation(e.Body)))];
    }

    void Hook(string method, CancellationToken ct)
    {
        Before?.Invoke(method, ct);
        ct.ThrowIfCancellationRequested();
    }

    public Task CreateAsync(ProjectInfo project, CancellationToken ct)
    {
        Hook(nameof(CreateAsync), ct);
        lock (_lock)
        {
            _projects.Add(project.Id, project);
            _logs.Add(project.Id, []);
        }
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string projectId, CancellationToken ct)
    {
        Hook(nameof(DeleteAsync), ct);
        lock (_lock)
        {
            _logs.Remove(projectId);
            _snapshots.Remove(projectId);
            return Task.FromResult(_projects.Remove(projectId));
        }
    }

    public Task<IReadOnlyList<long>> AppendAsync(string projectId, IReadOnlyList<CollaborativeOperation> ops, ProjectListing listing, CancellationToken ct)
    {
        Hook(nameof(AppendAsync), ct);
        lock (_lock)
        {
            AppendCalls++;
            var log = _logs.TryGetValue(projectId, out var l) ? l : throw new ProjectNotFoundException(projectId);
            var ids = log.Select(e => CollabJson.ParseOperation(e.Body).OpId).ToHashSet();
            if (ops.Any(o => !ids.Add(o.OpId))) throw new DuplicateOperationIdException(new InvalidOperationException("unique index"));
            var first = log.Count + 1L;
            log.AddRange(ops.Select((o, i) => (first + i, CollabJson.Serialize(o))));
            _projects[projectId] = _projects[projectId] with { LastSequence = log.Count, Name = listing.Name };
            return Task.FromResult<IReadOnlyList<long>>([.. ops.Select((_, i) => first + i)]);
        }
    }

    public Task<IReadOnlyList<ProjectInfo>> ListAsync(CancellationToken ct)
    {
        Hook(nameof(ListAsync), ct);
        lock (_lock) return Task.FromResult<IReadOnlyList<ProjectInfo>>([.. _projects.Values]);
    }

    public Task<ProjectInfo?> GetAsync(string projectId, CancellationToken ct)
    {
        Hook(nameof(GetAsync), ct);
        lock (_lock) return Task.FromResult(_projects.GetValueOrDefault(projectId));
    }

    public Task<IReadOnlyList<LoggedOperation>> ReadAsync(string projectId, long afterSequence, int limit, CancellationToken ct)
    {
        Hook(nameof(ReadAsync), ct);
        return Task.FromResult<IReadOnlyList<LoggedOperation>>([.. LogOf(projectId).Where(o => o.Sequence > afterSequence).Take(limit)]);
    }

    public Task<IReadOnlyList<LoggedOperation>> ReadMissingAsync(string projectId, VersionVector known, long afterSequence, int limit, CancellationToken ct)
    {
        Hook(nameof(ReadMissingAsync), ct);
        return Task.FromResult<IReadOnlyList<LoggedOperation>>([.. LogOf(projectId)
            .Where(o => o.Sequence > afterSequence && o.Operation.Sequence > known[o.Operation.SessionId]).Take(limit)]);
    }

    public Task<IReadOnlyList<LoggedOperationId>> FindOperationsAsync(string projectId, IReadOnlyCollection<string> opIds, CancellationToken ct)
    {
        Hook(nameof(FindOperationsAsync), ct);
        return Task.FromResult<IReadOnlyList<LoggedOperationId>>([.. LogOf(projectId).Where(o => opIds.Contains(o.Operation.OpId))
            .Select(o => new LoggedOperationId(o.Operation.OpId, o.Sequence, o.Operation.SessionId, o.Operation.Sequence))]);
    }

    public Task<IReadOnlyDictionary<string, long>> SessionCountsAsync(string projectId, IReadOnlyCollection<string> sessionIds, CancellationToken ct)
    {
        Hook(nameof(SessionCountsAsync), ct);
        return Task.FromResult<IReadOnlyDictionary<string, long>>(LogOf(projectId).Where(o => sessionIds.Contains(o.Operation.SessionId))
            .GroupBy(o => o.Operation.SessionId).ToDictionary(g => g.Key, g => g.Max(o => o.Operation.Sequence)));
    }

    public Task SaveSnapshotAsync(string projectId, ProjectSnapshot snapshot, CancellationToken ct)
    {
        Hook(nameof(SaveSnapshotAsync), ct);
        lock (_lock) _snapshots[projectId] = snapshot;
        return Task.CompletedTask;
    }

    public Task<ProjectSnapshot?> LoadSnapshotAsync(string projectId, CancellationToken ct)
    {
        Hook(nameof(LoadSnapshotAsync), ct);
        lock (_lock) return Task.FromResult(_snapshots.GetValueOrDefault(projectId));
    }
}
