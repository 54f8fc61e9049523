using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Zordic.Collab;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Server.Api;

namespace Zordic.Server.Tests.Hub;

/// <summary>
/// A collaborator as a real SignalR client: it edits its own replica at once (optimistic), sends the
/// ops over the hub, keeps what the server acknowledged in a separate replica, and rebuilds its view
/// when an op is rejected, as the web studio does.
/// </summary>
public sealed class StudioClient : IAsyncDisposable
{
    readonly HubConnection _connection;
    readonly string _projectId;
    readonly object _lock = new();
    readonly List<CollaborativeOperation> _pending = [];
    readonly HashSet<string> _applied = new(StringComparer.Ordinal);
    long _syncedAt = -1;
    int _syncs;
    ProjectReplica _confirmed;
    EditingSession _editor;

    public StudioClient(StudioHost host, string projectId, string userId, string sessionId)
    {
        _projectId = projectId;
        UserId = userId;
        SessionId = sessionId;
        _confirmed = new ProjectReplica(projectId);
        _editor = new EditingSession(new ProjectReplica(projectId), userId, sessionId);
        _connection = host.HubConnection();
        _connection.On<JsonElement>("state:sync", OnStateSync);
        _connection.On<JsonElement>("op:applied", OnApplied);
        _connection.On<JsonElement>("op:rejected", e => Record("op:rejected", e, () => OnRejected(e)));
        foreach (var name in new[] { "session:joined", "session:user_joined", "session:user_left", "awareness:user_cursor", "awareness:user_selection", "audio:playback_sync", "agent:suggestion" })
            _connection.On<JsonElement>(name, e => Record(name, e, null));
    }

    public string UserId { get; }
    public string SessionId { get; }
    public HubConnection Connection => _connection;

    /// <summary>Every event received, in order: (name, payload).</summary>
    public ConcurrentQueue<(string Name, JsonElement Payload)> Events { get; } = new();
    public ConcurrentQueue<long> AppliedSequences { get; } = new();

    public ProjectReplica Confirmed { get { lock (_lock) return _confirmed; } }
    public ProjectReplica Local { get { lock (_lock) return _editor.Replica; } }
    public int PendingCount { get { lock (_lock) return _pending.Count; } }

    public async Task<JsonElement> JoinAsync(bool withVersionVector = true)
    {
        if (_connection.State == HubConnectionState.Disconnected) await _connection.StartAsync();
        object payload = withVersionVector
            ? new { project_id = _projectId, user_id = UserId, display_name = UserId.ToUpperInvariant(), version_vector = Confirmed.VersionVector }
            : new { project_id = _projectId, user_id = UserId, display_name = UserId.ToUpperInvariant() };
        var syncs = Volatile.Read(ref _syncs);
        var result = await _connection.InvokeAsync<JsonElement>("session:join", Serialize(payload));
        Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
        // The .NET client runs handlers on a loop of their own: the join's answer can overtake the handling
        // of the state:sync the server sent before it. Edit only once the state is in.
        await Eventually.HoldsAsync(() => Volatile.Read(ref _syncs) > syncs, "the state:sync of the join to be handled");
        return result;
    }

    /// <summary>Makes an edit locally and sends it; the op stays pending until the server acknowledges it.</summary>
    public async Task<CollaborativeOperation?> EditAsync(Func<EditingSession, CollaborativeOperation> edit, bool send = true)
    {
        CollaborativeOperation op;
        lock (_lock)
        {
            op = edit(_editor);
            _pending.Add(op);
        }
        if (send) await SendAsync([op]);
        return op;
    }

    public async Task<JsonElement> SendAsync(IReadOnlyList<CollaborativeOperation> ops) =>
        await _connection.InvokeAsync<JsonElement>("op:execute", JsonDocument.Parse("{\"ops\":[" + string.Join(",", ops.Select(o => Encoding.UTF8.GetString(CollabJson.Serialize(o)))) + "]}").RootElement);

    /// <summary>Sends again every op not yet acknowledged: what a client does after reconnecting.</summary>
    public Task ResendPendingAsync()
    {
        List<CollaborativeOperation> pending;
        lock (_lock) pending = [.. _pending];
        return pending.Count == 0 ? Task.CompletedTask : SendAsync(pending);
    }

    public Task<JsonElement> InvokeAsync(string method, object payload) => _connection.InvokeAsync<JsonElement>(method, Serialize(payload));

    public static JsonElement Serialize(object payload) => JsonSerializer.SerializeToElement(payload, StudioJson.Options);

    void OnStateSync(JsonElement payload)
    {
        Record("state:sync", payload, () =>
        {
            _syncedAt = payload.GetProperty("seq").GetInt64();
            if (payload.TryGetProperty("ops", out var ops))
            {
                foreach (var logged in ops.EnumerateArray()) ApplyConfirmed(CollabJson.ParseOperation(logged.GetProperty("op")));
            }
            else
            {
                _confirmed = ReplicaSnapshot.Read(Encoding.UTF8.GetBytes(payload.GetProperty("replica").GetRawText()));
            }
            Rebuild();
            _syncs++;
        });
    }

    void OnApplied(JsonElement payload)
    {
        Record("op:applied", payload, () =>
        {
            foreach (var logged in payload.GetProperty("ops").EnumerateArray())
            {
                var seq = logged.GetProperty("seq").GetInt64();
                AppliedSequences.Enqueue(seq);
                if (seq <= _syncedAt) throw new InvalidOperationException($"op:applied {seq} arrived after state:sync at {_syncedAt}");
                var op = CollabJson.ParseOperation(logged.GetProperty("op"));
                ApplyConfirmed(op);
                _pending.RemoveAll(p => p.OpId == op.OpId);
                Assert.Null(_editor.Replica.Apply(op));
            }
        });
    }

    void OnRejected(JsonElement payload)
    {
        var opId = payload.GetProperty("op_id").GetString();
        if (_pending.RemoveAll(p => p.OpId == opId) > 0) Rebuild();
    }

    void ApplyConfirmed(CollaborativeOperation op)
    {
        Assert.Null(_confirmed.Apply(op));
        _applied.Add(op.OpId);
    }

    /// <summary>The local view is what the server confirmed plus what is still pending.</summary>
    void Rebuild()
    {
        var local = ReplicaSnapshot.Read(ReplicaSnapshot.Write(_confirmed));
        foreach (var op in _pending) local.Apply(op);
        // The session's next number follows on from the replica's count for it, pending ops included.
        _editor = new EditingSession(local, UserId, SessionId);
    }

    void Record(string name, JsonElement payload, Action? handle)
    {
        lock (_lock)
        {
            Events.Enqueue((name, payload.Clone()));
            handle?.Invoke();
        }
    }

    public IEnumerable<JsonElement> EventsNamed(string name) => Events.Where(e => e.Name == name).Select(e => e.Payload);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
