using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Zordic.Agents.Beat;
using Zordic.Agents.Composition;
using Zordic.Agents.Harmony;
using Zordic.Agents.Models;
using Zordic.Agents.Prompting;
using Zordic.Agents.Training;
using Zordic.Bench.Agents;

// bench/run agents-eval [--quick] [--data DIR] [--only harmony [--refit | --validation [--fold N]] [--each-epoch]]:
// one JSON object on stdout, progress on stderr. Evaluates the committed models (the ones the product ships;
// a test checks they equal a refit on train). --only harmony measures the harmonizer alone; with --refit it
// is first refitted on train in process, and --validation fits on four fifths of train and measures on the
// rest (fold 4, or the fifth --fold 0–3 names; titles in turn, so the versions of a tune share a fold):
// the split to choose the harmonizer's hyper-parameters on without looking at tune. --each-epoch measures after every training epoch.
var name = args.FirstOrDefault();
if (name != "agents-eval") { Console.Error.WriteLine($"bench: unknown benchmark '{name}'"); return 2; }
var quick = args.Contains("--quick");
string data;
try
{
    data = SharedDataFolder.Locate(Option("--data"));
}
catch (DirectoryNotFoundException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 1;
}
var clock = Stopwatch.StartNew();
void Progress(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {message}");

var train = NottinghamCorpus.Load(data, "train");
var tune = NottinghamCorpus.Load(data, "tune");
Progress($"nottingham: {train.Count} train, {tune.Count} tune tunes");
var only = Option("--only");
if (only is not null && only != "harmony") { Console.Error.WriteLine($"bench: --only takes 'harmony', not '{only}'"); return 2; }
if (args.Contains("--validation"))
{
    var fold = int.Parse(Option("--fold") ?? "4", CultureInfo.InvariantCulture);
    // Folds by title, like the train/tune split: the versions of one tune fall in the same fold. (A quoted
    // title with a comma is cut at it: the same cut for every version, so the grouping holds.)
    var titles = File.ReadLines(Path.Combine(data, "nottingham", "tunes.csv")).Skip(1)
        .Select(line => line.Split(',')).ToDictionary(c => c[0], c => c[2]);
    var groups = new Dictionary<string, int>();
    int FoldOf(FolkTune t) { var title = titles.GetValueOrDefault(t.Id, t.Id); if (!groups.TryGetValue(title, out var g)) groups[title] = g = groups.Count; return g % 5; }
    var folds = train.Select(FoldOf).ToArray();
    tune = train.Where((_, i) => folds[i] == fold).ToList();
    train = train.Where((_, i) => folds[i] != fold).ToList();
    Progress($"validation: fitting on {train.Count} train tunes, measuring on the other {tune.Count}");
}
// A refit does not read the committed parameters (which may not fit a changed model yet).
HarmonizerModel harmonizerModel;
if (args.Contains("--refit") || args.Contains("--validation"))
{
    var fitting = Stopwatch.StartNew();
    var (fitOn, measureOn) = (train, tune);
    harmonizerModel = HarmonizerTrainer.Train(train, Progress, args.Contains("--each-epoch")
        ? (epoch, m) => Progress($"  after epoch {epoch}: {HarmonyEvaluation.Run(new Harmonizer(m), fitOn, measureOn).Accuracy:0.0000}")
        : null);
    Progress($"harmonizer fitted in {fitting.Elapsed.TotalSeconds:0.0} s");
}
else harmonizerModel = AgentModels.Default.Harmonizer;
var harmony = HarmonyEvaluation.Run(new Harmonizer(harmonizerModel), train, tune);
Progress($"harmony: {harmony.Accuracy:0.0000} on {harmony.Beats} beats of {harmony.Tunes} tunes (key found {harmony.ModelKeyAccuracy:0.000}; with the true key given {harmony.OracleKeyAccuracy:0.0000}); first chord {harmony.FirstChordBaseline:0.0000}, template {harmony.TemplateBaseline:0.0000} (its key right {harmony.TemplateKeyAccuracy:0.000})");
static double R(double v) => Math.Round(v, 4);
if (only == "harmony")
{
    Console.WriteLine(new JsonObject
    {
        ["harmony.accuracy"] = R(harmony.Accuracy),
        ["harmony.first_chord_baseline"] = R(harmony.FirstChordBaseline),
        ["harmony.template_baseline"] = R(harmony.TemplateBaseline),
        ["harmony.key_accuracy"] = R(harmony.ModelKeyAccuracy),
        ["harmony.oracle_key_accuracy"] = R(harmony.OracleKeyAccuracy),
    }.ToJsonString());
    return 0;
}

var models = AgentModels.Default;
var composer = new Composer(models);
var melody = MelodyEvaluation.Run(models.Melody, train, tune, composer, quick ? 10 : 50);
Progress($"melody: {melody.BitsPerNote:0.000} bits/note over {melody.Notes} notes (unigram {melody.UnigramBits:0.000}, bigram {melody.BigramBits:0.000}); generated: in key {melody.InKeyRatio:0.000}, strong-beat chord tones {melody.StrongBeatChordToneRatio:0.000}, interval histogram L1 distance to the tunes {melody.IntervalHistogramDistance:0.000} (train's tunes {melody.RealIntervalHistogramDistance:0.000}, notes drawn from train's pitch frequencies {melody.UnigramIntervalHistogramDistance:0.000})");

var grooves = GrooveCorpus.Load(data);
Progress($"groove: {grooves.Count} performances in 4/4");
var beats = BeatEvaluation.Run(new BeatGenerator(models.Beat), grooves, quick ? 10 : 40, quick ? 20_000 : 100_000, Progress);
Progress($"beats: style recognition generated {beats.StyleRecognition:0.000} vs real {beats.RealStyleRecognition:0.000}; feature overlap generated {beats.FeatureOverlap:0.000} vs real {beats.RealFeatureOverlap:0.000}");
foreach (var (feature, (g, r)) in beats.PerFeature) Progress($"  overlap {feature}: generated {g:0.000} vs real {r:0.000}");
foreach (var (prompt, count) in beats.DistinctByPrompt) Progress($"  distinct of 100 seeds: {count} for '{prompt}'");

// Latency: compose end to end in process, after a warm-up, over a mix of prompts.
string[] prompts = ["lo-fi beat, 85 bpm, A minor, laid back", "four on the floor house 124", "trap 140 with rolling hats", "funk groove", "boom bap 90", "drum and bass 174", "reggaeton", "afrobeat", "rock 8 bars", "jazz in F"];
var parsed = prompts.Select(PromptParser.Parse).ToArray();
for (var i = 0; i < 50; i++) composer.Compose(parsed[i % parsed.Length], i);
var runs = quick ? 200 : 1000;
var totals = new double[runs];
double beatMs = 0, harmonyMs = 0, melodyMs = 0;
for (var i = 0; i < runs; i++)
{
    var started = Stopwatch.GetTimestamp();
    var result = composer.Compose(parsed[i % parsed.Length], 1000 + i);
    totals[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    beatMs += result.Timings.BeatMs; harmonyMs += result.Timings.HarmonyMs; melodyMs += result.Timings.MelodyMs;
}
Array.Sort(totals);
double P(double q) => totals[(int)Math.Min(totals.Length - 1, Math.Ceiling(q * totals.Length) - 1)];
var agentsTotal = beatMs + harmonyMs + melodyMs;
Progress($"latency over {runs} composes: p50 {P(0.5):0.000} ms, p95 {P(0.95):0.000} ms; shares: beat {beatMs / agentsTotal:P0}, harmony {harmonyMs / agentsTotal:P0}, melody {melodyMs / agentsTotal:P0}");

var output = new JsonObject
{
    ["harmony.accuracy"] = R(harmony.Accuracy),
    ["harmony.first_chord_baseline"] = R(harmony.FirstChordBaseline),
    ["harmony.template_baseline"] = R(harmony.TemplateBaseline),
    ["melody.bits_per_note"] = R(melody.BitsPerNote),
    ["melody.unigram_bits"] = R(melody.UnigramBits),
    ["melody.bigram_bits"] = R(melody.BigramBits),
    ["melody.in_key_ratio"] = R(melody.InKeyRatio),
    ["melody.strong_beat_chord_tone_ratio"] = R(melody.StrongBeatChordToneRatio),
    ["melody.interval_histogram_distance"] = R(melody.IntervalHistogramDistance),
    ["melody.real_interval_histogram_distance"] = R(melody.RealIntervalHistogramDistance),
    ["melody.unigram_interval_histogram_distance"] = R(melody.UnigramIntervalHistogramDistance),
    ["beats.style_recognition"] = R(beats.StyleRecognition),
    ["beats.real_style_recognition"] = R(beats.RealStyleRecognition),
    ["beats.feature_overlap"] = R(beats.FeatureOverlap),
    ["beats.real_feature_overlap"] = R(beats.RealFeatureOverlap),
    ["beats.distinct_per_100"] = beats.DistinctPer100,
    ["latency.compose_p50_ms"] = R(P(0.5)),
    ["latency.compose_p95_ms"] = R(P(0.95)),
    ["latency.beat_share"] = R(beatMs / agentsTotal),
    ["latency.melody_share"] = R(melodyMs / agentsTotal),
    ["latency.harmony_share"] = R(harmonyMs / agentsTotal),
};
Console.WriteLine(output.ToJsonString());
return 0;

string? Option(string option)
{
    var i = Array.IndexOf(args, option);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
