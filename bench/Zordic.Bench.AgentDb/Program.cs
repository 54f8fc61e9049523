// bench/run agentdb [--quick] [--dataset DIR] [--no-anchor]: Zordic AgentDb, raw USearch and npm agentdb on the
// same data, one JSON object {"rows": [...]} on stdout, progress on stderr.
using System.Text.Json;
using Zordic.AgentDb;
using Zordic.Bench.AgentDb;

var arguments = args.SkipWhile(a => a == "agentdb").ToList();
var quick = arguments.Contains("--quick");
var anchor = !arguments.Contains("--no-anchor");
var datasetIndex = arguments.IndexOf("--dataset");
var extraDataset = datasetIndex >= 0 && datasetIndex + 1 < arguments.Count ? Path.GetFullPath(arguments[datasetIndex + 1]) : null;

var root = FindRepositoryRoot();
var scratch = Path.Combine(root, ".build", "bench", "agentdb-scratch");
Directory.CreateDirectory(scratch);
var queries = quick ? 200 : 1000;

var datasets = new List<Func<AnnDataset>>
{
    () => AnnDataset.Load("mnist-10k", Path.Combine(root, "..", "shared", "data", "ann", "mnist-10k"), DistanceMetric.L2, queries),
    () => quick
        ? AnnDataset.Random("random-10k-128", Path.Combine(scratch, "random-10k-128"), 10_000, 200, 128, seed: 128)
        : AnnDataset.Random("random-100k-128", Path.Combine(scratch, "random-100k-128"), 100_000, 500, 128, seed: 128),
    () => quick
        ? AnnDataset.Random("random-5k-768", Path.Combine(scratch, "random-5k-768"), 5_000, 100, 768, seed: 768)
        : AnnDataset.Random("random-20k-768", Path.Combine(scratch, "random-20k-768"), 20_000, 300, 768, seed: 768),
};
if (extraDataset is not null)
{
    datasets.Add(() => AnnDataset.Load(Path.GetFileName(extraDataset), extraDataset, DistanceMetric.L2, queries));
}

if (arguments.Contains("--probe"))
{
    await Probe.RunAsync(datasets[0](), scratch);
    return 0;
}

var rows = new List<object>();
foreach (var make in datasets)
{
    var data = make();
    Console.Error.WriteLine($"{data.Name}: {data.Base.Length} × {data.Dimension} {data.Metric}, {data.Queries.Length} queries");
    var (zordic, ef, connectivity) = await ZordicRunner.RunAsync(data, Quantization.F32, scratch);
    rows.AddRange(zordic);
    var (zordicI8, _, _) = await ZordicRunner.RunAsync(data, Quantization.I8, scratch);
    rows.AddRange(zordicI8);
    rows.AddRange(UsearchRunner.Run(data, connectivity, ef));
    if (anchor && !(quick && data.Name.EndsWith("-768", StringComparison.Ordinal)))
    {
        Console.Error.WriteLine("  agentdb (npm 1.6.1)...");
        rows.AddRange((await AgentdbAnchor.RunAsync(root, data, quick ? 100 : Math.Min(queries, 300))).Cast<object>());
    }

    GC.Collect();
}

Console.WriteLine(JsonSerializer.Serialize(new { rows }));
return 0;

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Zordic.slnx")))
        {
            return directory.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
