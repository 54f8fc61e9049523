using System.Diagnostics;
using Zordic.Agents.Harmony;
using Zordic.Agents.Training;
using Zordic.Bench.Agents;

var name = args.FirstOrDefault();
if (name != "agents-eval") { Console.Error.WriteLine($"bench: unknown benchmark '{name}'"); return 2; }
var quick = args.Contains("--quick");
var data = SharedDataFolder.Locate(Option("--data"));
var sw = Stopwatch.StartNew();
var train = NottinghamCorpus.Load(data, "train");
var tune = NottinghamCorpus.Load(data, "tune");
Console.Error.WriteLine($"loaded nottingham {train.Count}+{tune.Count} in {sw.ElapsedMilliseconds} ms");
sw.Restart();
var model = HarmonizerTrainer.Train(train, m => Console.Error.WriteLine(m));
Console.Error.WriteLine($"trained in {sw.ElapsedMilliseconds} ms, {model.StateCount} states");
sw.Restart();
var h = HarmonyEvaluation.Run(new Harmonizer(model), train, tune);
Console.Error.WriteLine($"eval in {sw.ElapsedMilliseconds} ms");
Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(h));
return 0;

string? Option(string option)
{
    var i = Array.IndexOf(args, option);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
