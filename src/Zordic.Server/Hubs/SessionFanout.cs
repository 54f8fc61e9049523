using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Server.Api.Contracts;

namespace Zordic.Server.Hubs;

/// <summary>
/// Sends each project's news to its session in log order. Batches are posted from inside the
/// project's gate (<see cref="ProjectCatalog.Applied"/>), and so are joins, so one queue per project
/// orders them exactly as the log does: a joining connection gets its <c>state:sync</c> at position S,
/// enters the group, and then receives every batch after S and none before. One sender per project,
/// so a slow session never holds up another.
/// </summary>
public sealed class SessionFanout : IAsyncDisposable
{
    readonly ProjectCatalog _catalog;
    readonly IHubContext<StudioHub> _hub;
    readonly ILogger<SessionFanout> _log;
    readonly ConcurrentDictionary<string, Outbox> _outboxes = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stopping = new();

    public SessionFanout(ProjectCatalog catalog, IHubContext<StudioHub> hub, ILogger<SessionFanout> log)
    {
        _catalog = catalog;
        _hub = hub;
        _log = log;
        catalog.Applied += batch => OutboxOf(batch.ProjectId).Post(batch);
    }

    /// <summary>
    /// Brings a connection into a project's session: call inside the project's gate (with the log at
    /// <paramref name="sequence"/>), so that nothing can slip between its state and the batches after it.
    /// </summary>
    /// <returns>A task that completes once the connection has its state and is in the session's group.</returns>
    public Task Join(string projectId, string connectionId, SessionJoined joined, long sequence, ProjectDocument? document, byte[]? replica, VersionVector? known)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OutboxOf(projectId).Post(new JoinRequest(connectionId, joined, sequence, document, replica, known, done));
        return done.Task;
    }

    public void Leave(string projectId, string connectionId) => OutboxOf(projectId).Post(new LeaveRequest(connectionId));

    Outbox OutboxOf(string projectId) => _outboxes.GetOrAdd(projectId, id => new Outbox(this, id));

    sealed record JoinRequest(string ConnectionId, SessionJoined Joined, long Sequence, ProjectDocument? Document, byte[]? Replica, VersionVector? Known, TaskCompletionSource Done);

    sealed record LeaveRequest(string ConnectionId);

    sealed class Outbox
    {
        readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        readonly SessionFanout _fanout;
        readonly string _projectId;

        public Outbox(SessionFanout fanout, string projectId)
        {
            _fanout = fanout;
            _projectId = projectId;
            _ = Task.Run(PumpAsync);
        }

        public void Post(object item) => _queue.Writer.TryWrite(item);

        async Task PumpAsync()
        {
            var ct = _fanout._stopping.Token;
            try
            {
                await foreach (var first in _queue.Reader.ReadAllAsync(ct))
                {
                    var item = first;
                    // Under load, batches queue up behind a send: go out as one message instead of many.
                    while (item is AppliedBatch batch && _queue.Reader.TryPeek(out var next) && next is AppliedBatch following)
                    {
                        _queue.Reader.TryRead(out _);
                        item = new AppliedBatch(batch.ProjectId, [.. batch.Operations, .. following.Operations]);
                    }
                    try
                    {
                        await SendAsync(item, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        _fanout._log.LogError(e, "sending to the session of project {Project} failed", _projectId);
                        if (item is JoinRequest failed) failed.Done.TrySetException(e);
                    }
                }
            }
            catch (OperationCanceledException) { }
        }

        async Task SendAsync(object item, CancellationToken ct)
        {
            var hub = _fanout._hub;
            switch (item)
            {
                case AppliedBatch batch:
                    var ops = batch.Operations.Select(o => new LoggedOperationJson(o.Sequence, o.Operation)).ToList();
                    await hub.Clients.Group(_projectId).SendAsync(HubEvents.Applied, new OperationsApplied(_projectId, ops), ct);
                    break;
                case JoinRequest join:
                    var client = hub.Clients.Client(join.ConnectionId);
                    await client.SendAsync(HubEvents.Joined, join.Joined, ct);
                    StateSync state;
                    if (join.Known is null)
                    {
                        state = new StateSync(_projectId, join.Sequence, join.Document, System.Text.Json.JsonDocument.Parse(join.Replica!).RootElement, null);
                    }
                    else
                    {
                        var missing = new List<LoggedOperationJson>();
                        long after = 0;
                        while (true)
                        {
                            var page = await _fanout._catalog.Log.ReadMissingAsync(_projectId, join.Known, after, 5_000, ct);
                            missing.AddRange(page.Where(o => o.Sequence <= join.Sequence).Select(o => new LoggedOperationJson(o.Sequence, o.Operation)));
                            if (page.Count < 5_000 || page[^1].Sequence >= join.Sequence) break;
                            after = page[^1].Sequence;
                        }
                        state = new StateSync(_projectId, join.Sequence, null, null, missing);
                    }
                    await client.SendAsync(HubEvents.StateSync, state, ct);
                    await hub.Groups.AddToGroupAsync(join.ConnectionId, _projectId, ct);
                    join.Done.TrySetResult();
                    break;
                case LeaveRequest leave:
                    await hub.Groups.RemoveFromGroupAsync(leave.ConnectionId, _projectId, ct);
                    break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }
}
