using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Zordic.Bench.Support;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;
using Zordic.Music.Theory;
using Zordic.Server.Storage;

namespace Zordic.Bench.Ops;

/// <summary>
/// <c>bench/run ops</c>: how fast a replica merges a realistic three-person editing trace (from the
/// ops' JSON, as they arrive over the wire), next to Yjs merging the same edits as Y.Map updates in the
/// same run; how long a replica takes to catch up on the whole trace from the SQLite op log; and how
/// long a snapshot of the result takes to load.
/// </summary>
public static class OpsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var count = options.Int("--ops", options.Quick ? 20_000 : 100_000);
        Console.Error.WriteLine($"bench ops: generating a {count:N0}-op trace of three users…");
        var trace = EditingTrace.Generate(count);
        var wire = trace.Select(CollabJson.Serialize).ToArray();

        // 1. Merge throughput: parse each op's JSON and apply it to a fresh replica (best of 5).
        var merge = BestOf(5, () =>
        {
            var replica = new ProjectReplica("bench");
            foreach (var bytes in wire)
            {
                if (replica.Apply(CollabJson.ParseOperation(bytes)) is { } rejection) throw new InvalidOperationException(rejection.ToString());
            }
            return replica;
        });
        var parsedMerge = BestOf(5, () =>
        {
            var replica = new ProjectReplica("bench");
            foreach (var op in trace) replica.Apply(op);
            return replica;
        });
        var rejectedByServer = 0;
        var accept = BestOf(3, () =>
        {
            var replica = new ProjectReplica("bench");
            rejectedByServer = trace.Count(op => replica.Accept(op) is not null);
            return replica;
        });
        var allocated = AllocatedPerOp(wire);
        var final = merge.Result;
        var document = final.ToDocument();
        var notes = document.Tracks.Sum(t => t.Clips.Sum(c => c.Notes.Count));
        Console.Error.WriteLine($"bench ops: merge {count / merge.Seconds:N0} ops/s; document has {document.Tracks.Count} tracks, {notes:N0} notes");

        // 2. The anchor: the same trace as Y.Map updates, applied by a fresh Y.Doc.
        var traceFile = Path.Combine(Path.GetTempPath(), $"zordic-trace-{Environment.ProcessId}.jsonl");
        await File.WriteAllLinesAsync(traceFile, wire.Select(w => Encoding.UTF8.GetString(w)));
        Console.Error.WriteLine("bench ops: running the Yjs anchor…");
        var yjs = await NodeAnchor.RunAsync("yjs", "ops.mjs", traceFile);
        File.Delete(traceFile);
        var yjsOpsPerSecond = yjs.GetProperty("ops_per_s").GetDouble();

        // 3. Catch-up from the op log, and 4. snapshot load, on a real SQLite store.
        var dataDirectory = Directory.CreateTempSubdirectory("zordic-bench-").FullName;
        double catchupMs, snapshotMs, openMs;
        long snapshotBytes;
        try
        {
            var store = new SqliteProjectStore(dataDirectory);
            var now = DateTimeOffset.UtcNow;
            await store.CreateAsync(new ProjectInfo("bench", "bench", now, now, 0), default);
            foreach (var chunk in trace.Chunk(2_000)) await store.AppendAsync("bench", chunk, new ProjectListing("bench", ProjectDefaults.Bpm, MusicalKey.CMajor, 0), default);
            catchupMs = BestOf(3, () =>
            {
                var replica = new ProjectReplica("bench");
                long after = 0;
                while (true)
                {
                    var page = store.ReadAsync("bench", after, 10_000, default).GetAwaiter().GetResult();
                    if (page.Count == 0) break;
                    foreach (var logged in page) replica.Apply(logged.Operation);
                    after = page[^1].Sequence;
                }
                return replica;
            }).Seconds * 1000;
            var state = ReplicaSnapshot.Write(final);
            snapshotBytes = state.Length;
            await store.SaveSnapshotAsync("bench", new ProjectSnapshot(trace.Count, state), default);
            snapshotMs = BestOf(5, () =>
            {
                var snapshot = store.LoadSnapshotAsync("bench", default).GetAwaiter().GetResult()!;
                return ReplicaSnapshot.Read(snapshot.State);
            }).Seconds * 1000;
            // Opening the project as the server does: snapshot plus the (empty) tail of the log.
            openMs = BestOf(3, () => new ProjectCatalog(store).GetAsync("bench", default).GetAwaiter().GetResult()!).Seconds * 1000;
            if (!ReplicaSnapshot.Write(ReplicaSnapshot.Read(state)).AsSpan().SequenceEqual(state)) throw new InvalidOperationException("snapshot does not read back");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }

        var opsPerSecond = count / merge.Seconds;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["ops"] = count,
            ["ops_per_s"] = Math.Round(opsPerSecond),
            ["yjs_ops_per_s"] = Math.Round(yjsOpsPerSecond),
            ["ratio_vs_yjs"] = Math.Round(opsPerSecond / yjsOpsPerSecond, 2),
            ["catchup_100k_ms"] = Math.Round(catchupMs * 100_000.0 / count, 1),
            ["snapshot_load_ms"] = Math.Round(snapshotMs, 2),
            ["ops_per_s_preparsed"] = Math.Round(count / parsedMerge.Seconds),
            ["server_accept_ops_per_s"] = Math.Round(count / accept.Seconds),
            ["server_rejected_ops"] = rejectedByServer,
            ["allocated_bytes_per_op"] = Math.Round(allocated),
            ["project_open_ms"] = Math.Round(openMs, 2),
            ["snapshot_bytes"] = snapshotBytes,
            ["document_notes"] = notes,
            ["yjs_update_bytes"] = yjs.GetProperty("update_bytes").GetInt64(),
            ["machine"] = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}",
        }));
        return 0;
    }

    static (T Result, double Seconds) BestOf<T>(int runs, Func<T> work)
    {
        work(); // warm up: JIT and tiered compilation
        var best = double.MaxValue;
        T result = default!;
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            result = work();
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
        }
        return (result, best);
    }

    static double AllocatedPerOp(byte[][] wire)
    {
        var replica = new ProjectReplica("bench");
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var bytes in wire) replica.Apply(CollabJson.ParseOperation(bytes));
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)wire.Length;
    }
}
