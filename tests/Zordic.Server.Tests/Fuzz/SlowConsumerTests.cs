using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;
using Zordic.Collab;
using Zordic.Collab.Json;
using Zordic.Collab.Replica;
using Zordic.Server.Hubs;
using Zordic.Server.Tests.Hub;

namespace Zordic.Server.Tests.Fuzz;

/// <summary>
/// One client stops reading (over real sockets on Kestrel: the in-memory test server has no backpressure)
/// while another edits and a third watches, and a script fills the session with ops: the editors' latency
/// stays low; the one that stopped is let go after <see cref="StudioHubOptions.SlowConsumerTimeout"/> and
/// catches up by rejoining, or, when it reads again before that, catches up where it is. Either way it
/// receives every position once, in order, and ends with the server's state. The benchmark
/// (bench/run collab-load --slow-clients) measures the same at scale; the bound here is loose.
/// </summary>
public sealed class SlowConsumerTests(ITestOutputHelper output)
{
    const double LatencyBoundMs = 250;

    [Fact]
    public async Task A_client_that_stops_reading_is_let_go_and_catches_up_when_it_rejoins_while_the_others_stay_fast()
    {
        await using var studio = await StartAsync(TimeSpan.FromSeconds(2));
        var id = await CreateProjectAsync(studio);
        await using var slow = new SlowReader(studio, id);
        await slow.JoinAsync();
        await using var session = await Editors.StartAsync(studio, id);

        slow.Stall();
        await session.EditAndFillAsync(studio, id, TimeSpan.FromSeconds(10), until: () => session.SawLeave(slow));
        Assert.True(session.SawLeave(slow), "the server did not let go of the client that stopped reading");
        await session.EditForAsync(TimeSpan.FromSeconds(1));

        // It reads again: what was in its buffers, then the end of its connection; it rejoins from where it got to.
        slow.Resume();
        await slow.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        await slow.JoinAsync();
        await AssertCaughtUpAsync(studio, id, slow);
        session.AssertFast(output);
    }

    [Fact]
    public async Task A_client_that_reads_again_before_its_timeout_catches_up_with_no_gaps_and_no_repeats()
    {
        await using var studio = await StartAsync(TimeSpan.FromSeconds(60));
        var id = await CreateProjectAsync(studio);
        await using var slow = new SlowReader(studio, id);
        await slow.JoinAsync();
        await using var session = await Editors.StartAsync(studio, id);

        slow.Stall();
        await session.EditAndFillAsync(studio, id, TimeSpan.FromSeconds(3), until: () => false);
        slow.Resume();
        await session.EditForAsync(TimeSpan.FromSeconds(1));

        await AssertCaughtUpAsync(studio, id, slow);
        Assert.False(session.SawLeave(slow), "the client was let go although it read again in time");
        Assert.Equal(HubConnectionState.Connected, slow.State);
        session.AssertFast(output);
    }

    static async Task AssertCaughtUpAsync(StudioHost studio, string id, SlowReader slow)
    {
        var end = (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("seq").GetInt64();
        await Eventually.HoldsAsync(() => slow.Last >= end, $"the slow client to reach position {end}", 30_000);
        Assert.Null(slow.GapsOrRepeats(end));
        Assert.Equal(Encoding.UTF8.GetString(await studio.ReplicaStateAsync(id)), Encoding.UTF8.GetString(ReplicaSnapshot.Write(slow.Replica)));
        Assert.DoesNotContain(studio.Log.Entries, e => e.StartsWith("Error", StringComparison.Ordinal));
    }

    static Task<StudioHost> StartAsync(TimeSpan slowConsumerTimeout) =>
        StudioHost.StartAsync(realSockets: true, hub: new StudioHubOptions { SlowConsumerTimeout = slowConsumerTimeout, OpsPerSecond = 1_000_000, OpsBurst = 1_000_000 });

    static async Task<string> CreateProjectAsync(StudioHost studio)
    {
        var id = (await studio.CreateProjectAsync(new { name = "Slow" })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """[{"type":"insert","path":["tracks","t"],"value":{"kind":"keys","order":"V"}},{"type":"insert","path":["tracks","t","clips","c"],"value":{"length_bars":4}}]""");
        return id;
    }

    /// <summary>Ana edits at a steady pace and Ben watches: the latency from Ana's call to Ben's op:applied.</summary>
    sealed class Editors : IAsyncDisposable
    {
        readonly HubConnection _ana, _ben;
        readonly Zordic.Collab.EditingSession _author;
        readonly ConcurrentDictionary<string, long> _sentAt = new(StringComparer.Ordinal);
        readonly ConcurrentBag<double> _latenciesMs = [];
        readonly ConcurrentQueue<(string ConnectionId, string UserId, string Reason)> _left = new();
        string? _slowConnection;
        bool _inserted;

        Editors(HubConnection ana, HubConnection ben, Zordic.Collab.EditingSession author)
        {
            _ana = ana;
            _ben = ben;
            _author = author;
        }

        public static async Task<Editors> StartAsync(StudioHost studio, string id)
        {
            var ana = studio.HubConnection();
            var ben = studio.HubConnection();
            var session = new Editors(ana, ben, new Zordic.Collab.EditingSession(new ProjectReplica(id), "ana", "tab-ana"));
            ben.On<JsonElement>("op:applied", applied =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var logged in applied.GetProperty("ops").EnumerateArray())
                {
                    if (session._sentAt.TryGetValue(logged.GetProperty("op").GetProperty("op_id").GetString()!, out var sent))
                        session._latenciesMs.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                }
            });
            ben.On<JsonElement>("session:user_left", left => session._left.Enqueue((left.GetProperty("connection_id").GetString()!, left.GetProperty("user_id").GetString()!, left.GetProperty("reason").GetString()!)));
            ben.On<JsonElement>("session:joined", joined =>
            {
                foreach (var p in joined.GetProperty("participants").EnumerateArray())
                {
                    if (p.GetProperty("user_id").GetString() == "slow") session._slowConnection = p.GetProperty("connection_id").GetString();
                }
            });
            foreach (var (connection, user) in new[] { (ana, "ana"), (ben, "ben") })
            {
                await connection.StartAsync();
                var result = await connection.InvokeAsync<JsonElement>("session:join", JsonSerializer.SerializeToElement(new { project_id = id, user_id = user }));
                Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
            }
            await Eventually.HoldsAsync(() => session._slowConnection is not null, "Ben to see the slow client in the session");
            return session;
        }

        public bool SawLeave(SlowReader slow) => _left.Any(l => l.ConnectionId == _slowConnection && l.Reason == "disconnected");

        /// <summary>Ana edits (50 ops a second) while a script adds notes in batches, until the time is up or <paramref name="until"/>.</summary>
        public async Task EditAndFillAsync(StudioHost studio, string id, TimeSpan time, Func<bool> until)
        {
            using var stop = new CancellationTokenSource(time);
            var editing = EditForAsync(time, until);
            // 250 notes a batch, about 80 KB of op:applied each: a few megabytes a run, more than the buffers between the server and a client hold.
            var batch = "[" + string.Join(",", Enumerable.Range(0, 250).Select(_ => "{\"type\":\"insert\",\"path\":[\"tracks\",\"t\",\"clips\",\"c\",\"notes\",\"%\"],\"value\":{\"pitch\":60,\"start_tick\":0,\"duration_ticks\":120}}")) + "]";
            while (!stop.IsCancellationRequested && !until())
            {
                var text = string.Join("", batch.Split('%').Select((part, i) => i == 0 ? part : Guid.CreateVersion7().ToString("N") + part));
                var response = await studio.Client.PostAsync($"/api/projects/{id}/ops", new StringContent(text, Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                await Task.Delay(40);
            }
            await editing;
        }

        public Task EditForAsync(TimeSpan time) => EditForAsync(time, () => false);

        async Task EditForAsync(TimeSpan time, Func<bool> until)
        {
            var clock = Stopwatch.StartNew();
            var n = 0;
            while (clock.Elapsed < time && !until())
            {
                var op = n++ == 0 && !_inserted
                    ? _author.Insert(["tracks", "t", "clips", "c", "notes", "n"], JsonSerializer.SerializeToElement(new { pitch = 64, start_tick = 0, duration_ticks = 120 }))
                    : _author.Update(["tracks", "t", "clips", "c", "notes", "n", "velocity"], JsonSerializer.SerializeToElement(1 + n % 127));
                _inserted = true;
                _sentAt[op.OpId] = Stopwatch.GetTimestamp();
                var result = await _ana.InvokeAsync<JsonElement>("op:execute", JsonDocument.Parse(CollabJson.Serialize(op)).RootElement);
                Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
                var due = TimeSpan.FromMilliseconds(20 * n) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
            }
        }

        public void AssertFast(ITestOutputHelper output)
        {
            var sorted = _latenciesMs.Order().ToArray();
            Assert.True(sorted.Length >= 50, $"only {sorted.Length} of Ana's edits reached Ben");
            var p50 = sorted[sorted.Length / 2];
            var p99 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)];
            output.WriteLine($"Ana → Ben: {sorted.Length} edits, p50 {p50:0.0} ms, p99 {p99:0.0} ms, max {sorted[^1]:0.0} ms");
            Assert.True(p99 < LatencyBoundMs, $"p99 {p99:0.0} ms from Ana's edit to Ben's op:applied while one client did not read (bound {LatencyBoundMs} ms)");
        }

        public async ValueTask DisposeAsync()
        {
            await _ana.DisposeAsync();
            await _ben.DisposeAsync();
        }
    }
}
