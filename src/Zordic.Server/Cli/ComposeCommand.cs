using System.CommandLine;
using Zordic.Agents.Composition;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;

namespace Zordic.Server.Cli;

/// <summary><c>zordic compose --prompt TEXT</c>: beat, melody and harmony with the time each agent took.</summary>
public static class ComposeCommand
{
    public static Command Create()
    {
        var prompt = AgentOptions.Prompt();
        var seed = AgentOptions.Seed();
        var bars = new Option<int?>("--bars") { Description = "Length in bars (default: the prompt's, else 4)" };
        var output = AgentOptions.Output();
        var command = new Command("compose", "Write a beat with a melody and chords from a prompt") { prompt, seed, bars, output };
        command.SetAction((parse, ct) => ZordicCommand.GuardAsync(async () =>
        {
            var request = AgentOptions.ParsePrompt(parse.GetValue(prompt)!, parse.GetValue(bars));
            var result = Composer.Default.Compose(request, parse.GetValue(seed));
            if (parse.GetValue(ZordicCommand.Json)) Console.WriteLine(SketchJson.Serialize(SketchJson.ToJson(result)));
            else
            {
                var flats = request.Key.PrefersFlats;
                Console.WriteLine($"{request.Genre.Name()}, {request.Bpm:0.#} bpm, {request.Key}, {request.Bars} bars");
                Console.WriteLine($"chords: {string.Join(" | ", result.Harmony.Chords.Select(c => c.Chord.Symbol(flats)))}");
                Console.WriteLine($"beat {result.Beat.Sketch.NoteCount} hits, melody {result.Melody.NoteCount} notes, harmony {result.Harmony.Sketch.NoteCount} notes");
                Console.WriteLine($"took {result.Timings.TotalMs:0.##} ms (beat {result.Timings.BeatMs:0.##}, harmony {result.Timings.HarmonyMs:0.##}, melody {result.Timings.MelodyMs:0.##})");
            }
            await AgentOptions.WriteMidiAsync(parse.GetValue(output), request.Text, ct, result.Beat.Sketch, result.Harmony.Sketch, result.Melody);
            return 0;
        }));
        return command;
    }
}
