// Inserts a stream of documents into DIR and prints "ack <id>" once each insert has returned, i.e. once
// AgentDb has acknowledged it. The SIGKILL test kills this process mid-stream and checks every acknowledged
// id survived. Every 150 documents it checkpoints the graph, so a reopen also meets a stale saved graph.
using Zordic.AgentDb;
using Zordic.AgentDb.Collections;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Zordic.AgentDb.CrashWriter DIR [COUNT]");
    return 2;
}

var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
await using var db = await AgentDatabase.OpenAsync(args[0]);
var collection = await db.GetOrCreateCollectionAsync("crash", new CollectionOptions(16, DistanceMetric.L2) { ExactScanWork = 0 });
var start = await collection.CountAsync();
var stdout = Console.Out;
for (var i = start; i < count; i++)
{
    var random = new Random(i);
    var vector = Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble()).ToArray();
    var document = AgentDocument.Create($"d{i}", vector, new { n = i, parity = i % 2 });
    if (i % 10 == 9)
    {
        // Some writes are batches, which must be all-or-nothing.
        await collection.InsertManyAsync([document]);
    }
    else
    {
        await collection.InsertAsync(document);
    }

    stdout.WriteLine($"ack d{i}");
    stdout.Flush();
    if (i % 150 == 149)
    {
        await collection.CheckpointAsync();
    }
}

return 0;
