using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Zordic.Collab;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Server.Api;
using Zordic.Server.Api.Contracts;
using Zordic.Server.Hubs;

namespace Zordic.Bench.CollabLoad;

/// <summary>
/// One collaborator in the load test: a real SignalR client that edits its replica, sends each op,
/// and records when every op of the others arrives (latency from the sender's send), which ops arrive
/// twice. Its one replica takes its own ops when it makes them and everyone's when they arrive (its own
/// echo merges as a no-op): the workload makes no op the server could refuse, so nothing is rolled back.
/// </summary>
public sealed class LoadClient(LoadSession session, int index) : IAsyncDisposable
{
    readonly object _lock = new();
    readonly HashSet<string> _received = new(StringComparer.Ordinal);
    HubConnection? _connection;
    EditingSession? _editor;

    public string UserId { get; } = $"{session.Name}-user{index}";
    public List<double> LatenciesMs { get; } = [];
    public int Duplicates { get; private set; }
    public int Rejected { get; private set; }
    public int ReceivedCount { get { lock (_lock) return _received.Count; } }
    public ProjectReplica Confirmed { get { lock (_lock) return _editor!.Replica; } }

    public async Task ConnectAsync(string url)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(url + "/hubs/studio", o => o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets)
            .AddJsonProtocol(o => StudioJson.Configure(o.PayloadSerializerOptions))
            .Build();
        var synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connection.On<JsonElement>("state:sync", payload =>
        {
            lock (_lock)
            {
                _editor = new EditingSession(ReplicaSnapshot.Read(Encoding.UTF8.GetBytes(payload.GetProperty("replica").GetRawText())), UserId, $"{UserId}-tab");
            }
            synced.TrySetResult();
        });
        // Typed, as a .NET client of the studio would: one pass from the frame to operations (through the
        // studio's own converters) instead of a JsonElement tree walked again; the load generator shares
        // the two cores with the server, and its waste showed up as the server's latency.
        _connection.On<OperationsApplied>("op:applied", OnApplied);
        _connection.On<JsonElement>("op:rejected", _ => { lock (_lock) Rejected++; });
        await _connection.StartAsync();
        var result = await _connection.InvokeAsync<JsonElement>("session:join", JsonSerializer.SerializeToElement(new { project_id = session.ProjectId, user_id = UserId }));
        if (!result.GetProperty("ok").GetBoolean()) throw new InvalidOperationException(result.GetRawText());
        await synced.Task;
    }

    void OnApplied(OperationsApplied payload)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            foreach (var logged in payload.Ops)
            {
                var op = logged.Op;
                if (!_received.Add(op.OpId))
                {
                    Duplicates++;
                    continue;
                }
                if (op.UserId == UserId) continue;
                _editor!.Replica.Apply(op);
                if (session.SentAt.TryGetValue(op.OpId, out var sent)) LatenciesMs.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            }
        }
    }

    readonly System.Threading.Channels.Channel<int> _queue = System.Threading.Channels.Channel.CreateUnbounded<int>(new() { SingleReader = true });
    Task? _sender;

    /// <summary>Asks for one more edit; this client's edits go out one after another, in order.</summary>
    public void Enqueue(int seed)
    {
        _sender ??= Task.Run(async () =>
        {
            await foreach (var next in _queue.Reader.ReadAllAsync()) await SendEditAsync(new Random(next));
        });
        _queue.Writer.TryWrite(seed);
    }

    /// <summary>Makes one realistic edit and sends it; the clock starts just before the send.</summary>
    async Task SendEditAsync(Random random)
    {
        CollaborativeOperation op;
        lock (_lock) op = session.Workload.NextEdit(_editor!, index, random);
        var json = JsonDocument.Parse(CollabJson.Serialize(op)).RootElement;
        session.SentAt[op.OpId] = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref session.Sent);
        await _connection!.SendAsync("op:execute", json);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_sender is not null) await _sender;
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
