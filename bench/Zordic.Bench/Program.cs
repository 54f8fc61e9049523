using Zordic.Bench.CollabLoad;
using Zordic.Bench.Fuzz;
using Zordic.Bench.Ops;

// bench/run NAME [--quick] [options]: one JSON object on stdout, progress on stderr.
var name = args.FirstOrDefault();
var options = args.Skip(1).ToArray();
return name switch
{
    "ops" => await OpsBenchmark.RunAsync(options),
    "collab-load" => await CollabLoadBenchmark.RunAsync(options),
    "fuzz" => await FuzzBenchmark.RunAsync(options),
    _ => Fail($"unknown benchmark '{name}'"),
};

static int Fail(string message)
{
    Console.Error.WriteLine($"bench: {message}");
    return 2;
}
