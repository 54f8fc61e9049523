using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Server.Api;
using Zordic.Server.Api.Contracts;
using Zordic.Server.Hubs;
using Zordic.Server.Tests.Fuzz.Harness;

namespace Zordic.Bench.CollabLoad;

/// <summary>
/// One collaborator in the load test: a real SignalR client that behaves as docs/hub.md asks of a client.
/// Its replica holds only what the server sent (its own ops come back as their acknowledgement), so at the
/// end it must equal the op log. Its ops stay pending until acknowledged or refused; when its connection
/// drops it reconnects, joins again with <c>since</c> = the last log position it applied and its
/// <c>session_id</c>, and resends its pending ops unchanged (ones the server has come back as duplicates).
/// Nothing it meets is thrown: failures are counted.
/// </summary>
public sealed class LoadClient : IAsyncDisposable
{
    const int MaxOpsPerCall = 500;
    static readonly TimeSpan StateWait = TimeSpan.FromSeconds(30);

    readonly LoadSession _session;
    readonly int _index;
    readonly object _lock = new();
    readonly HashSet<string> _received = new(StringComparer.Ordinal);
    readonly List<Pending> _pending = [];
    readonly Queue<(int Seed, long AskedAt)> _asked = new();
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    readonly CancellationTokenSource _stop = new();
    readonly HubConnection _connection;
    ProjectReplica? _replica;
    long _sequence, _clock;   // this session's numbering and Lamport clock, kept across reconnects
    long _lastSeq;            // the log position of the last op applied
    long _wholeAt = -1;       // the position of the last whole state: every op at or before it is in it
    int _syncs;
    bool _needsJoin = true, _joinedOnce;
    PausableStream? _stream;
    bool _paused;
    Task? _runner;

    sealed record Pending(CollaborativeOperation Op, string Json);

    public LoadClient(LoadSession session, int index, string url, bool slow = false)
    {
        _session = session;
        _index = index;
        IsSlow = slow;
        _connection = new HubConnectionBuilder()
            .WithUrl(url + "/hubs/studio", o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                // A slow client's socket can stop being read (a handler that blocks would not do: the .NET client
                // queues incoming messages without bound and goes on reading).
                if (slow)
                {
                    PausableStream.Use(o, stream =>
                    {
                        _stream = stream;
                        if (Volatile.Read(ref _paused)) stream.Pause();
                    });
                }
            })
            .AddJsonProtocol(o => StudioJson.Configure(o.PayloadSerializerOptions))
            .WithAutomaticReconnect(new RetryForever())
            .Build();
        _connection.On<JsonElement>(HubEvents.StateSync, OnStateSync);
        // Typed, as a .NET client of the studio would: one pass from the frame to operations (through the
        // studio's own converters) instead of a JsonElement tree walked again; the load generator shares
        // the two cores with the server, and its waste showed up as the server's latency.
        _connection.On<OperationsApplied>(HubEvents.Applied, Apply);
        _connection.On<OperationRejected>(HubEvents.Rejected, OnRejected);
        _connection.Reconnecting += _ =>
        {
            Volatile.Write(ref _needsJoin, true);
            Interlocked.Increment(ref _drops);
            return Task.CompletedTask;
        };
        _connection.Reconnected += _ =>
        {
            Interlocked.Increment(ref _reconnects);
            Volatile.Write(ref _needsJoin, true);
            Wake();
            return Task.CompletedTask;
        };
        _connection.Closed += error =>
        {
            // The automatic reconnect retries forever, so this is the end of the run, or a start that failed.
            if (!_stop.IsCancellationRequested) _ = Task.Run(RestartAsync);
            return Task.CompletedTask;
        };
    }

    public int Index => _index;
    public string UserId => $"{_session.Name}-user{_index}";
    public string SessionId => $"{UserId}-tab";
    public bool IsSlow { get; }
    readonly List<double> _latenciesMs = [];
    int _drops, _reconnects, _duplicates, _gaps, _rejectedEvents, _failedCalls, _mergeFailures;
    /// <summary>Times the connection dropped (the server let it go, or the client gave up on it).</summary>
    public int Drops => Volatile.Read(ref _drops);
    public int Reconnects => Volatile.Read(ref _reconnects);
    public int Duplicates => Volatile.Read(ref _duplicates);
    /// <summary>op:applied whose first position did not follow the last one applied.</summary>
    public int Gaps => Volatile.Read(ref _gaps);
    public int RejectedEvents => Volatile.Read(ref _rejectedEvents);
    /// <summary>Calls that failed without an answer (the connection went away under them).</summary>
    public int FailedCalls => Volatile.Read(ref _failedCalls);
    public int MergeFailures => Volatile.Read(ref _mergeFailures);
    public long LastSequence { get { lock (_lock) return _lastSeq; } }
    public int PendingCount { get { lock (_lock) return _pending.Count + _asked.Count; } }
    public ProjectReplica? Replica { get { lock (_lock) return _replica; } }

    /// <summary>Milliseconds from each other client's edit to its op:applied here.</summary>
    public double[] Latencies()
    {
        lock (_lock) return [.. _latenciesMs];
    }

    public void ClearLatencies()
    {
        lock (_lock) _latenciesMs.Clear();
    }

    /// <summary>True when this client received the op (by its op:applied, a catch-up, or a whole state at or after it).</summary>
    public bool HasDelivered(string opId, long sequence)
    {
        lock (_lock) return _received.Contains(opId) || sequence <= _wholeAt;
    }

    public async Task ConnectAsync()
    {
        await _connection.StartAsync();
        _runner = Task.Run(RunAsync);
        Wake();
        var deadline = Stopwatch.GetTimestamp() + (long)(StateWait.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref _syncs) == 0)
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"{UserId} got no state:sync");
            await Task.Delay(10);
        }
    }

    /// <summary>Asks for one more edit; this client's edits go out one after another, in order.</summary>
    public void Enqueue(int seed)
    {
        lock (_lock) _asked.Enqueue((seed, Stopwatch.GetTimestamp()));
        Wake();
    }

    /// <summary>Stops reading the socket (a slow client only): its receive buffer fills and the server's sends to it block.</summary>
    public void Stall()
    {
        Volatile.Write(ref _paused, true);
        _stream?.Pause();
    }

    public void Resume()
    {
        Volatile.Write(ref _paused, false);
        _stream?.Resume();
    }

    void Wake() => _wake.Writer.TryWrite(true);

    // The one loop that calls the hub, so that a rejoin, its resends and new edits go out in session order.
    async Task RunAsync()
    {
        var ct = _stop.Token;
        try
        {
            while (await _wake.Reader.WaitToReadAsync(ct))
            {
                _wake.Reader.TryRead(out _);
                try
                {
                    if (Volatile.Read(ref _needsJoin) && !await JoinAsync(ct)) continue;
                    while (!Volatile.Read(ref _needsJoin) && TakeEdits() is { Count: > 0 } batch) await SendAsync(batch, ct);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // The connection went away under the call: its ops stay pending, and Reconnected wakes us to
                    // join again and resend them. A call that failed on a live connection is retried shortly.
                    Interlocked.Increment(ref _failedCalls);
                    Volatile.Write(ref _needsJoin, true);
                    _ = RetryLaterAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    async Task RetryLaterAsync(CancellationToken ct)
    {
        await Task.Delay(500, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_connection.State == HubConnectionState.Connected) Wake();
    }

    async Task<bool> JoinAsync(CancellationToken ct)
    {
        if (_connection.State != HubConnectionState.Connected) return false;
        var syncs = Volatile.Read(ref _syncs);
        long since;
        lock (_lock) since = _lastSeq;
        var payload = _joinedOnce
            ? JsonSerializer.SerializeToElement(new { project_id = _session.ProjectId, user_id = UserId, session_id = SessionId, since })
            : JsonSerializer.SerializeToElement(new { project_id = _session.ProjectId, user_id = UserId, session_id = SessionId });
        var result = await _connection.InvokeAsync<JsonElement>(HubEvents.Join, payload, ct);
        if (!result.GetProperty("ok").GetBoolean())
        {
            // rate_limited when a crowd reconnects at once: try again in a moment.
            Interlocked.Increment(ref _failedCalls);
            _ = RetryLaterAsync(ct);
            return false;
        }
        // The answer can overtake the handling of the state:sync sent before it (handlers run on their own loop).
        var deadline = Stopwatch.GetTimestamp() + (long)(StateWait.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref _syncs) == syncs)
        {
            if (Stopwatch.GetTimestamp() > deadline || _connection.State != HubConnectionState.Connected) throw new TimeoutException("no state:sync after the join");
            await Task.Delay(5, ct);
        }
        _joinedOnce = true;
        Volatile.Write(ref _needsJoin, false);
        // The state acknowledged what the server had already; the rest goes again, unchanged and in order.
        List<Pending> again;
        lock (_lock) again = [.. _pending];
        foreach (var chunk in again.Chunk(MaxOpsPerCall)) await SendAsync(chunk, ct);
        return true;
    }

    // Authors the edits asked for so far (at most a call's worth) as this session's next ops; they are pending from now on.
    List<Pending> TakeEdits()
    {
        var batch = new List<Pending>();
        lock (_lock)
        {
            while (batch.Count < MaxOpsPerCall && _asked.TryDequeue(out var asked))
            {
                var intent = _session.Workload.NextEdit(_index, new Random(asked.Seed));
                // Lamport, as EditingSession.Next: one more than every clock merged and every op made before.
                _sequence++;
                _clock = Math.Max(Math.Max(_replica!.Clock, _clock) + 1, _sequence);
                var op = new CollaborativeOperation
                {
                    OpId = Guid.CreateVersion7().ToString(),
                    UserId = UserId,
                    SessionId = SessionId,
                    Type = intent.Type,
                    Path = intent.Path,
                    Value = intent.Value,
                    VersionVector = VersionVector.Lamport(SessionId, _sequence, _clock),
                    Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                };
                var pending = new Pending(op, Encoding.UTF8.GetString(CollabJson.Serialize(op)));
                _pending.Add(pending);
                batch.Add(pending);
                _session.AskedAt[op.OpId] = asked.AskedAt;
            }
        }
        Interlocked.Add(ref _session.Sent, batch.Count);
        return batch;
    }

    async Task SendAsync(IReadOnlyList<Pending> ops, CancellationToken ct)
    {
        var payload = JsonDocument.Parse("{\"ops\":[" + string.Join(",", ops.Select(p => p.Json)) + "]}").RootElement;
        var result = await _connection.InvokeAsync<JsonElement>(HubEvents.Execute, payload, ct);
        if (result.GetProperty("ok").GetBoolean()) return;
        // "rejected": each refused op had its own op:rejected (handled before this answer, which follows it on
        // the connection). Any other code refused the call as a whole, before any op was looked at.
        var code = result.TryGetProperty("code", out var c) ? c.GetString() ?? "(none)" : "(none)";
        if (code == "rejected") return;
        lock (_lock)
        {
            foreach (var pending in ops) Refuse(pending.Op.OpId, code);
        }
    }

    void OnStateSync(JsonElement payload)
    {
        var seq = payload.GetProperty("seq").GetInt64();
        lock (_lock)
        {
            if (payload.TryGetProperty("ops", out var ops) && ops.ValueKind == JsonValueKind.Array)
            {
                foreach (var logged in ops.EnumerateArray()) Deliver(logged.GetProperty("seq").GetInt64(), CollabJson.ParseOperation(logged.GetProperty("op")), Stopwatch.GetTimestamp());
            }
            else
            {
                _replica = ReplicaSnapshot.Read(Encoding.UTF8.GetBytes(payload.GetProperty("replica").GetRawText()));
                _wholeAt = seq;
                if (!_joinedOnce) _sequence = _replica.VersionVector[SessionId];
                // Whatever of ours the state holds was applied: acknowledged (the log says at which position).
                foreach (var pending in _pending.Where(p => _replica.HasSeen(SessionId, p.Op.Sequence)).ToList()) Acknowledge(pending.Op.OpId);
            }
            _lastSeq = Math.Max(_lastSeq, seq);
        }
        Interlocked.Increment(ref _syncs);
    }

    void Apply(OperationsApplied payload)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            foreach (var logged in payload.Ops) Deliver(logged.Seq, logged.Op, now);
        }
    }

    // Under _lock.
    void Deliver(long seq, CollaborativeOperation op, long now)
    {
        if (seq <= _wholeAt || !_received.Add(op.OpId))
        {
            _duplicates++;
            return;
        }
        if (seq != _lastSeq + 1) _gaps++;
        _lastSeq = Math.Max(_lastSeq, seq);
        if (_replica!.Apply(op) is not null) _mergeFailures++;
        if (op.SessionId == SessionId)
        {
            Acknowledge(op.OpId);
        }
        else if (_session.AskedAt.TryGetValue(op.OpId, out var asked))
        {
            _latenciesMs.Add(Stopwatch.GetElapsedTime(asked, now).TotalMilliseconds);
        }
    }

    // Under _lock.
    void Acknowledge(string opId)
    {
        var at = _pending.FindIndex(p => p.Op.OpId == opId);
        if (at < 0) return;
        _pending.RemoveAt(at);
        _session.AcknowledgedBy[opId] = _index;
    }

    void OnRejected(OperationRejected rejected)
    {
        Interlocked.Increment(ref _rejectedEvents);
        lock (_lock)
        {
            // One that names no op still pending (a refusal of a whole call, or of an op already answered) is kept apart.
            if (!Refuse(rejected.OpId, rejected.Code)) _session.Stray($"{rejected.Code}{(rejected.OpId.Length == 0 ? " (no op_id)" : "")}: {rejected.Message}");
        }
    }

    // Under _lock.
    bool Refuse(string opId, string code)
    {
        var at = _pending.FindIndex(p => p.Op.OpId == opId);
        if (at < 0) return false;
        _pending.RemoveAt(at);
        _session.Refused(opId, code);
        return true;
    }

    // A connection the automatic reconnect gave up on (or whose start failed): start it again until the run ends.
    async Task RestartAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Random.Shared.Next(200, 1000), _stop.Token);
                await _connection.StartAsync(_stop.Token);
                Interlocked.Increment(ref _reconnects);
                Volatile.Write(ref _needsJoin, true);
                Wake();
                return;
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failedCalls);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        Resume();
        if (_runner is not null) await _runner;
        await _connection.DisposeAsync();
    }

    /// <summary>Reconnects for as long as the run lasts, soon at first, then every second or two (with jitter, so a crowd spreads out).</summary>
    sealed class RetryForever : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            TimeSpan.FromMilliseconds(Math.Min(2000, 100 << (int)Math.Min(context.PreviousRetryCount, 4)) + Random.Shared.Next(0, 250));
    }
}
