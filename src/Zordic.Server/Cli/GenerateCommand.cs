using System.CommandLine;
using Zordic.Agents.Beat;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;

namespace Zordic.Server.Cli;

/// <summary><c>zordic generate beat --prompt TEXT</c>: a drum part from a prompt, as JSON and/or MIDI.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var prompt = AgentOptions.Prompt();
        var seed = AgentOptions.Seed();
        var bars = new Option<int?>("--bars") { Description = "Length in bars (default: the prompt's, else 4)" };
        var output = AgentOptions.Output();
        var beat = new Command("beat", "Write a drum beat (General MIDI drums: 36 kick, 38 snare, 42 closed hat …)") { prompt, seed, bars, output };
        beat.SetAction((parse, ct) => ZordicCommand.GuardAsync(async () =>
        {
            var request = AgentOptions.ParsePrompt(parse.GetValue(prompt)!, parse.GetValue(bars));
            var result = BeatGenerator.Default.Generate(request, parse.GetValue(seed));
            if (parse.GetValue(ZordicCommand.Json)) Console.WriteLine(SketchJson.Serialize(SketchJson.ToJson(result.Sketch)));
            else
            {
                Console.WriteLine($"{request.Genre.Name()} beat, {request.Bpm:0.#} bpm, {request.Bars} bars, {result.Sketch.NoteCount} hits (feel from {result.Source})");
                foreach (var line in DrumGrid(result)) Console.WriteLine(line);
            }
            await AgentOptions.WriteMidiAsync(parse.GetValue(output), $"{request.Genre.Name()} beat", ct, result.Sketch);
            return 0;
        }));
        return new Command("generate", "Let an agent write music from a prompt") { beat };
    }

    // A step grid per voice, one bar per block: what a producer reads first.
    static IEnumerable<string> DrumGrid(DrumBeat beat)
    {
        for (var v = 0; v < DrumVoices.Count; v++)
        {
            var voice = (DrumVoice)v;
            if (beat.Bars.All(b => b[voice] == 0)) continue;
            var row = string.Join(" ", beat.Bars.Select(b => new string(Enumerable.Range(0, DrumBar.Steps).Select(s => b.Has(voice, s) ? 'x' : '.').ToArray())));
            yield return $"{voice.Name(),-10} {row}";
        }
    }
}
