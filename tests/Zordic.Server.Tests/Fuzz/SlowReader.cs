using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Zordic.Collab.Json;
using Zordic.Collab.Replica;
using Zordic.Server.Tests.Fuzz.Harness;

namespace Zordic.Server.Tests.Fuzz;

/// <summary>
/// A SignalR client over a real socket that can stop reading it (<see cref="PausableStream"/>: the socket's
/// receive buffer fills, and the server's sends to it block).
/// It records every log position it is sent, in order, and builds a replica from what it is sent.
/// </summary>
public sealed class SlowReader : IAsyncDisposable
{
    readonly StudioHost _studio;
    readonly string _projectId;
    readonly object _lock = new();
    PausableStream? _stream;
    bool _paused;
    HubConnection? _connection;
    ProjectReplica? _replica;
    long _joinedAt = -1;

    public SlowReader(StudioHost studio, string projectId)
    {
        _studio = studio;
        _projectId = projectId;
    }

    public string UserId { get; } = "slow";
    /// <summary>Log positions received, in the order received (the join's catch-up included).</summary>
    public List<long> Positions { get; } = [];
    /// <summary>The position the first join's state was at: positions after it must all arrive, once each.</summary>
    public long JoinedAt => _joinedAt;
    public long Last { get { lock (_lock) return Positions.Count == 0 ? _joinedAt : Math.Max(_joinedAt, Positions[^1]); } }
    public ProjectReplica Replica { get { lock (_lock) return _replica!; } }
    public HubConnectionState State => _connection?.State ?? HubConnectionState.Disconnected;
    public Task Closed { get; private set; } = Task.CompletedTask;

    /// <summary>Connects and joins: the first time for the whole project, after that with since = the last position received.</summary>
    public async Task JoinAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = _studio.HubConnection(o => PausableStream.Use(o, stream =>
        {
            _stream = stream;
            if (_paused) stream.Pause();
        }));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        Closed = closed.Task;
        var synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connection.On<JsonElement>("state:sync", state =>
        {
            lock (_lock)
            {
                if (state.TryGetProperty("ops", out var ops)) Receive(ops);
                else
                {
                    _replica = ReplicaSnapshot.Read(Encoding.UTF8.GetBytes(state.GetProperty("replica").GetRawText()));
                    _joinedAt = state.GetProperty("seq").GetInt64();
                }
            }
            synced.TrySetResult();
        });
        _connection.On<JsonElement>("op:applied", applied =>
        {
            lock (_lock) Receive(applied.GetProperty("ops"));
        });
        await _connection.StartAsync();
        object join = _replica is null
            ? new { project_id = _projectId, user_id = UserId }
            : new { project_id = _projectId, user_id = UserId, since = Last };
        var result = await _connection.InvokeAsync<JsonElement>("session:join", JsonSerializer.SerializeToElement(join));
        Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
        await synced.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Stops taking anything off the socket.</summary>
    public void Stall()
    {
        _paused = true;
        _stream?.Pause();
    }

    public void Resume()
    {
        _paused = false;
        _stream?.Resume();
    }

    // Under _lock.
    void Receive(JsonElement ops)
    {
        foreach (var logged in ops.EnumerateArray())
        {
            Positions.Add(logged.GetProperty("seq").GetInt64());
            Assert.Null(_replica!.Apply(CollabJson.ParseOperation(logged.GetProperty("op"))));
        }
    }

    /// <summary>Null when the positions after the join arrived in order, each once, up to <paramref name="upTo"/>; otherwise what went wrong.</summary>
    public string? GapsOrRepeats(long upTo)
    {
        lock (_lock)
        {
            var expected = _joinedAt + 1;
            foreach (var position in Positions)
            {
                if (position != expected) return $"position {position} arrived where {expected} was due ({Positions.Count} received)";
                expected++;
            }
            return expected - 1 == upTo ? null : $"received up to {expected - 1}, the log is at {upTo}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
