using System.CommandLine;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Music.Midi;

namespace Zordic.Server.Cli;

/// <summary>Options and helpers shared by the agent verbs (generate, compose, harmonize).</summary>
internal static class AgentOptions
{
    public static Option<string> Prompt() => new("--prompt", "-p") { Description = "What to write, e.g. \"lo-fi beat, 85 bpm, A minor, laid back\"", Required = true };

    public static Option<long> Seed() => new("--seed") { Description = "Seed: the same prompt and seed give the same music (default 1)", DefaultValueFactory = _ => 1 };

    public static Option<FileInfo?> Output() => new("--output", "-o") { Description = "Also write a Standard MIDI File here" };

    public static MusicPrompt ParsePrompt(string text, int? bars = null)
    {
        try
        {
            var prompt = PromptParser.Parse(text);
            if (bars is { } n)
            {
                if (n is < 1 or > MusicPrompt.MaxBars) throw new CliException($"--bars {n} is out of range: 1 to {MusicPrompt.MaxBars}");
                prompt = prompt with { Bars = n };
            }
            return prompt;
        }
        catch (PromptException e)
        {
            throw new CliException(e.Message);
        }
    }

    public static async Task WriteMidiAsync(FileInfo? target, string name, CancellationToken ct, params Sketch[] sketches)
    {
        if (target is null) return;
        if (target.Directory is { Exists: false } dir) throw new CliException($"no such directory: {dir.FullName}");
        var bytes = MidiExport.ToBytes(SketchProject.ToProject(name, sketches));
        await File.WriteAllBytesAsync(target.FullName, bytes, ct);
        await Console.Error.WriteLineAsync($"wrote {target.FullName} ({bytes.Length:N0} bytes)");
    }
}
