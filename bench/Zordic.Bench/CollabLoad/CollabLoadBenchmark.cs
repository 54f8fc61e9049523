using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Zordic.Bench.Support;
using Zordic.Collab.Json;
using Zordic.Collab.Replica;

namespace Zordic.Bench.CollabLoad;

/// <summary>
/// <c>bench/run collab-load</c>: real SignalR clients on loopback editing through a real studio process
/// at a fixed aggregate rate; for every op, the time from the edit to its <c>op:applied</c> at every other
/// client in the session; what became of every op sent (acknowledged, refused by code, unanswered), ops
/// acknowledged but never delivered to someone, or delivered twice; whether every replica ends equal to
/// one rebuilt from the op log; reconnections; the server's CPU per 1,000 ops and its peak memory, and the
/// clients' own CPU. <c>--slow-clients N</c> makes N clients of the one-session run stop reading while
/// the load is measured, and read again when it stops.
/// </summary>
public static class CollabLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var clients = options.Int("--clients", options.Quick ? 20 : 50);
        var rate = options.Int("--rate", 200);
        var seconds = options.Int("--seconds", options.Quick ? 8 : 30);
        var sessions = options.Int("--sessions", 20);
        var perSession = options.Int("--per-session", 5);
        var slow = options.Int("--slow-clients", 0);
        var drain = options.Int("--drain", 60);
        // Tiered JIT with dynamic PGO recompiles the hot paths of SignalR, Kestrel and System.Text.Json with
        // their profiles over the first seconds under load; on two cores shared with 50 clients that JIT work
        // (16 % of the server's CPU 20 s into a cold run, perf) shows as latency. Measure the running studio,
        // not its first half-minute, unless asked: --warmup 1 shows a cold start.
        var warmup = options.Int("--warmup", options.Quick ? 5 : 20);
        if (slow < 0 || slow >= clients)
        {
            Console.Error.WriteLine("bench collab-load: --slow-clients must be from 0 to --clients − 1");
            return 2;
        }
        var runs = new List<Dictionary<string, object>>
        {
            await RunVariantAsync(new Variant(1, clients, rate, seconds, warmup, slow, drain)),
            await RunVariantAsync(new Variant(sessions, perSession, rate, seconds, warmup, 0, drain)),
        };
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["runs"] = runs,
            ["machine"] = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}; clients and server share the machine",
        }));
        return 0;
    }

    sealed record Variant(int Sessions, int ClientsPerSession, int Rate, int Seconds, int Warmup, int SlowClients, int DrainSeconds);

    static async Task<Dictionary<string, object>> RunVariantAsync(Variant v)
    {
        Console.Error.WriteLine($"bench collab-load: {v.Sessions} session(s) × {v.ClientsPerSession} clients, {v.Rate} ops/s for {v.Seconds} s"
            + (v.SlowClients > 0 ? $", {v.SlowClients} of them not reading" : "") + "…");
        await using var server = await ServerProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        var sessions = new List<LoadSession>();
        for (var s = 0; s < v.Sessions; s++)
        {
            var session = await LoadSession.CreateAsync(http, $"s{s}", v.ClientsPerSession);
            for (var c = 0; c < v.ClientsPerSession; c++) session.Clients.Add(new LoadClient(session, c, server.Url, slow: v.Sessions == 1 && c < v.SlowClients));
            sessions.Add(session);
        }
        var all = sessions.SelectMany(s => s.Clients).ToList();
        foreach (var chunk in all.Chunk(10)) await Task.WhenAll(chunk.Select(c => c.ConnectAsync()));

        var random = new Random(7);
        // Warm up (JIT tiers, connection buffers), wait for it to land, then measure from a clean slate.
        await DriveAsync(all, v.Rate, v.Warmup, random);
        await DrainAsync(http, sessions, TimeSpan.FromSeconds(20));
        foreach (var client in all) client.ClearLatencies();
        var slowClients = all.Where(c => c.IsSlow).ToList();
        var normal = all.Where(c => !c.IsSlow).ToList();
        var dropsBefore = slowClients.Sum(c => c.Drops);
        foreach (var client in slowClients) client.Stall();

        var sentBefore = sessions.Sum(s => s.Sent);
        var cpuBefore = server.CpuSeconds;
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var stopwatch = Stopwatch.StartNew();
        // Slow clients neither read nor edit meanwhile: their own calls' answers wait behind what they do not read.
        await DriveAsync(normal, v.Rate, v.Seconds, random);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        foreach (var client in slowClients) client.Resume();
        var drainWatch = Stopwatch.StartNew();
        var drained = await DrainAsync(http, sessions, TimeSpan.FromSeconds(v.DrainSeconds));
        var drainSeconds = drainWatch.Elapsed.TotalSeconds;
        var cpu = server.CpuSeconds - cpuBefore;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpuBefore;
        var measuredOps = sessions.Sum(s => s.Sent) - sentBefore;

        // Every op sent ends acknowledged, refused, or unanswered; one acknowledged must be in the log and
        // have reached every other client of its session.
        var lost = 0;
        var lostFromLog = 0;
        var refusedButLogged = new Dictionary<string, int>(StringComparer.Ordinal);
        var converged = true;
        foreach (var session in sessions)
        {
            var (state, positions) = await ReplayLogAsync(http, session.ProjectId);
            foreach (var (opId, sender) in session.AcknowledgedBy)
            {
                if (!positions.TryGetValue(opId, out var seq))
                {
                    lostFromLog++;
                    lost++;
                    continue;
                }
                if (session.Clients.Any(c => c.Index != sender && !c.HasDelivered(opId, seq))) lost++;
            }
            // A refusal says nothing was changed: an op refused to its sender must not be in the log.
            foreach (var (opId, code) in session.RefusedIds)
            {
                if (positions.ContainsKey(opId)) refusedButLogged[code] = refusedButLogged.GetValueOrDefault(code) + 1;
            }
            converged &= session.Clients.All(c => c.Replica is { } replica && ReplicaSnapshot.Write(replica).AsSpan().SequenceEqual(state));
        }
        var sent = sessions.Sum(s => s.Sent);
        var acknowledged = sessions.Sum(s => s.AcknowledgedBy.Count);
        var refusedByCode = sessions.SelectMany(s => s.RefusedByCode).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        var refused = refusedByCode.Values.Sum();
        var latencies = Sorted(normal);
        var slowLatencies = Sorted(slowClients);
        var result = new Dictionary<string, object>
        {
            ["clients"] = all.Count,
            ["sessions"] = v.Sessions,
            ["ops_per_s"] = Math.Round(measuredOps / elapsed, 1),
            ["p50_ms"] = Math.Round(Percentile(latencies, 0.50), 2),
            ["p99_ms"] = Math.Round(Percentile(latencies, 0.99), 2),
            ["max_ms"] = Math.Round(latencies.LastOrDefault(), 2),
            ["lost"] = lost,
            ["duplicated"] = all.Sum(c => c.Duplicates),
            ["converged"] = converged && drained,
            ["cpu_s_per_1000_ops"] = Math.Round(cpu / (measuredOps / 1000.0), 3),
            ["peak_memory_mb"] = Math.Round(server.PeakMemoryMb, 1),
            // The load clients share the machine with the server: what they burn is CPU the server lacks.
            ["clients_cpu_s_per_1000_ops"] = Math.Round(clientCpu / (measuredOps / 1000.0), 3),
            ["ops"] = measuredOps,
            ["deliveries_measured"] = latencies.Length,
            ["rejected"] = all.Sum(c => c.RejectedEvents),
            ["seconds"] = Math.Round(elapsed, 1),
            ["warmup_s"] = v.Warmup,
            ["sent"] = sent,
            ["acknowledged"] = acknowledged,
            ["refused"] = refused,
            ["refused_by_code"] = refusedByCode,
            ["unacknowledged"] = sent - acknowledged - refused,
            ["lost_from_log"] = lostFromLog,
            ["refused_but_logged"] = refusedButLogged,
            ["seq_gaps"] = all.Sum(c => c.Gaps),
            ["merge_failures"] = all.Sum(c => c.MergeFailures),
            ["reconnects"] = all.Sum(c => c.Reconnects),
            ["drops"] = all.Sum(c => c.Drops),
            ["failed_calls"] = all.Sum(c => c.FailedCalls),
            ["drained"] = drained,
            ["drain_s"] = Math.Round(drainSeconds, 1),
            ["slow_clients"] = slowClients.Count,
        };
        result["server_errors"] = server.ErrorCount;
        foreach (var error in server.FirstErrors) Console.Error.WriteLine($"bench collab-load: the server logged: {error}");
        var stray = sessions.SelectMany(s => s.StrayRejections).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        if (stray.Count > 0) result["rejected_stray"] = stray;
        if (slowClients.Count > 0)
        {
            result["slow_p50_ms"] = Math.Round(Percentile(slowLatencies, 0.50), 2);
            result["slow_p99_ms"] = Math.Round(Percentile(slowLatencies, 0.99), 2);
            result["slow_dropped"] = slowClients.Sum(c => c.Drops) - dropsBefore;
            var end = await ServerSequence(http, sessions[0]);
            result["slow_caught_up"] = slowClients.Count(c => c.PendingCount == 0 && c.LastSequence >= end);
        }
        foreach (var client in all) await client.DisposeAsync();
        Console.Error.WriteLine($"bench collab-load: {JsonSerializer.Serialize(result)}");
        return result;
    }

    static double[] Sorted(IEnumerable<LoadClient> clients) => [.. clients.SelectMany(c => c.Latencies()).Order()];

    /// <summary>Asks random clients for edits at an even aggregate rate for a while.</summary>
    static async Task DriveAsync(List<LoadClient> clients, int rate, double seconds, Random random)
    {
        var interval = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        var total = (int)(rate * seconds);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            clients[random.Next(clients.Count)].Enqueue(random.Next());
        }
    }

    /// <summary>
    /// Waits until every client has every op of its session's log and no op of its own is left unanswered,
    /// or the timeout; true when everything was in.
    /// </summary>
    static async Task<bool> DrainAsync(HttpClient http, List<LoadSession> sessions, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var done = true;
            foreach (var session in sessions)
            {
                if (session.Clients.Any(c => c.PendingCount > 0)) { done = false; break; }
                var seq = await ServerSequence(http, session);
                if (session.Clients.Any(c => c.LastSequence < seq)) { done = false; break; }
            }
            if (done) return true;
            await Task.Delay(100);
        }
        return false;
    }

    static async Task<long> ServerSequence(HttpClient http, LoadSession session) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/projects/{session.ProjectId}")).GetProperty("seq").GetInt64();

    /// <summary>The replica rebuilt from the whole op log (paged), and every op's log position.</summary>
    static async Task<(byte[] State, Dictionary<string, long> Positions)> ReplayLogAsync(HttpClient http, string projectId)
    {
        var replica = new ProjectReplica(projectId);
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        long since = 0;
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/ops?since={since}&limit=50000");
            foreach (var logged in page.GetProperty("ops").EnumerateArray())
            {
                var op = CollabJson.ParseOperation(logged.GetProperty("op"));
                replica.Apply(op);
                positions[op.OpId] = logged.GetProperty("seq").GetInt64();
            }
            since = page.GetProperty("last_seq").GetInt64();
            if (!page.GetProperty("has_more").GetBoolean()) break;
        }
        return (ReplicaSnapshot.Write(replica), positions);
    }

    static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
