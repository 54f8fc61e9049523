using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Zordic.Collab.Projects;
using Zordic.Server.Hubs;

namespace Zordic.Server.Fanout;

/// <summary>
/// Sends one connection what happens in its session, on a task of its own, so that a connection that
/// reads slowly (or not at all) never delays anyone else. It sends, in this order: <c>session:joined</c>
/// and <c>state:sync</c>; then, whenever woken, the ops it has not sent yet (as many per message as have
/// piled up: a member that fell behind catches up in fewer, larger messages, from the op log when the
/// session's ring no longer holds them), the ordered messages, and the latest of each awareness message.
/// A connection that does not take a message within <see cref="StudioHubOptions.SlowConsumerTimeout"/>,
/// or lets <see cref="StudioHubOptions.MaxQueuedMessages"/> ordered messages pile up, is disconnected: its
/// client reconnects and catches up from its log position.
/// </summary>
sealed class MemberSender
{
    readonly SessionOutbox _session;
    readonly HubCallerContext _caller;
    readonly IHubContext<StudioHub> _hub;
    readonly ProjectCatalog _catalog;
    readonly StudioHubOptions _options;
    readonly ILogger _log;
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    readonly CancellationTokenSource _stop = new();
    readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly object _lock = new();
    readonly Queue<(string Method, object Payload)> _ordered = new();
    readonly Dictionary<string, (string Method, object Payload)> _latest = new(StringComparer.Ordinal);
    long _sent;

    public MemberSender(SessionOutbox session, HubCallerContext caller, IHubContext<StudioHub> hub, ProjectCatalog catalog, StudioHubOptions options, ILogger log, long sequence)
    {
        _session = session;
        _caller = caller;
        _hub = hub;
        _catalog = catalog;
        _options = options;
        _log = log;
        _sent = sequence;
    }

    public string ConnectionId => _caller.ConnectionId;

    /// <summary>Completes once the connection has its state: from then on it is sent every op.</summary>
    public Task Joined => _joined.Task;

    public void Start(object joined, SessionState state) => _ = Task.Run(() => RunAsync(joined, state));

    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Queues a message for this connection; <see cref="Delivery.Latest"/> ones replace the previous one of their <paramref name="key"/>.</summary>
    public void Post(string method, object payload, Delivery delivery, string? key)
    {
        lock (_lock)
        {
            if (delivery == Delivery.Latest)
            {
                _latest[key ?? method] = (method, payload);
            }
            else if (_ordered.Count >= _options.MaxQueuedMessages)
            {
                Drop($"{_ordered.Count} messages waited for it");
                return;
            }
            else
            {
                _ordered.Enqueue((method, payload));
            }
        }
        Wake();
    }

    /// <summary>Stops sending (the connection left the session).</summary>
    public void Stop()
    {
        _stop.Cancel();
        _joined.TrySetCanceled();
    }

    async Task RunAsync(object joined, SessionState state)
    {
        var ct = _stop.Token;
        try
        {
            await SendAsync(HubEvents.Joined, joined);
            await SendStateAsync(state, ct);
            _joined.TrySetResult();
            while (await _wake.Reader.WaitToReadAsync(ct))
            {
                _wake.Reader.TryRead(out _);
                await SendOpsAsync(ct);
                await SendMessagesAsync();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (SlowConsumerException e)
        {
            Drop(e.Message);
        }
        catch (Exception e)
        {
            _log.LogWarning(e, "sending to connection {Connection} in project {Project} failed; disconnecting it", ConnectionId, _session.ProjectId);
            _joined.TrySetException(e);
            _caller.Abort();
        }
    }

    async Task SendStateAsync(SessionState state, CancellationToken ct)
    {
        var upTo = _sent;
        switch (state)
        {
            case SessionState.Whole whole:
                await SendAsync(HubEvents.StateSync, whole.Payload);
                return;
            case SessionState.Since since when since.Sequence <= upTo:
                if (await CatchUpAsync(after => _catalog.Log.ReadAsync(_session.ProjectId, after, _options.MaxCatchUpOps + 1, ct), since.Sequence, upTo) is { } ops)
                {
                    await SendAsync(HubEvents.StateSync, new StateSync(_session.ProjectId, upTo, null, null, ops));
                    return;
                }
                break;
            case SessionState.Missing missing:
                if (await CatchUpAsync(after => _catalog.Log.ReadMissingAsync(_session.ProjectId, missing.Known, after, _options.MaxCatchUpOps + 1, ct), 0, upTo) is { } lacking)
                {
                    await SendAsync(HubEvents.StateSync, new StateSync(_session.ProjectId, upTo, null, null, lacking));
                    return;
                }
                break;
        }
        // Too much to catch up on by ops (or a position from a log this one is not): the whole project,
        // at a position taken inside the gate, from where the ops go on.
        var payload = await _catalog.ReadAsync(_session.ProjectId, (replica, sequence) =>
        {
            lock (_lock) _sent = sequence;
            return StateSync.Whole(_session.ProjectId, replica, sequence, includeDocument: false);
        }, ct);
        await SendAsync(HubEvents.StateSync, payload);
    }

    // The ops a catch-up reads, up to the join's position; null when there are more than a catch-up carries.
    async Task<List<Api.Contracts.LoggedOperationJson>?> CatchUpAsync(Func<long, Task<IReadOnlyList<LoggedOperation>>> read, long after, long upTo)
    {
        var page = await read(after);
        var ops = page.Where(o => o.Sequence <= upTo).Select(o => new Api.Contracts.LoggedOperationJson(o.Sequence, o.Operation)).ToList();
        return ops.Count > _options.MaxCatchUpOps ? null : ops;
    }

    async Task SendOpsAsync(CancellationToken ct)
    {
        var fragments = new List<byte[]>();
        while (true)
        {
            fragments.Clear();
            long after;
            lock (_lock) after = _sent;
            if (!_session.TryTake(after, _options.MaxOpsPerMessage, fragments, out var published))
            {
                // Further behind than the ring holds: the log has them.
                foreach (var logged in await _catalog.Log.ReadAsync(_session.ProjectId, after, _options.MaxOpsPerMessage, ct))
                {
                    if (logged.Sequence <= published) fragments.Add(AppliedPage.Fragment(logged));
                }
            }
            if (fragments.Count == 0) return;
            await SendAsync(HubEvents.Applied, AppliedPage.Of(_session.ProjectId, fragments));
            lock (_lock) _sent = after + fragments.Count; // log positions are consecutive
        }
    }

    async Task SendMessagesAsync()
    {
        while (true)
        {
            (string Method, object Payload) next;
            lock (_lock)
            {
                if (_ordered.Count > 0)
                {
                    next = _ordered.Dequeue();
                }
                else if (_latest.Count > 0)
                {
                    var key = _latest.Keys.First();
                    _latest.Remove(key, out next);
                }
                else
                {
                    return;
                }
            }
            await SendAsync(next.Method, next.Payload);
        }
    }

    async Task SendAsync(string method, object payload)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_options.SlowConsumerTimeout);
        try
        {
            await _hub.Clients.Client(ConnectionId).SendAsync(method, payload, timeout.Token);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            throw new SlowConsumerException($"it took no message for {_options.SlowConsumerTimeout.TotalSeconds:0.#} s");
        }
    }

    // A connection that cannot keep up is let go; its client reconnects and catches up from the log.
    void Drop(string why)
    {
        _log.LogInformation("disconnecting {Connection} from project {Project}: {Why}", ConnectionId, _session.ProjectId, why);
        _stop.Cancel();
        _joined.TrySetCanceled();
        _caller.Abort();
    }

    sealed class SlowConsumerException(string message) : Exception(message);
}
