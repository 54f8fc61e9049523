using System.CommandLine;
using Zordic.Agents.Harmony;
using Zordic.Agents.Parts;
using Zordic.Music.Document;
using Zordic.Music.Midi;
using Zordic.Music.Time;

namespace Zordic.Server.Cli;

/// <summary><c>zordic harmonize MELODY.mid</c>: the key and chords for a melody, decoded from the melody alone.</summary>
public static class HarmonizeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("MELODY") { Description = "A Standard MIDI File; its fullest non-drum track is the melody, its key signature (if any) the preferred key" };
        var output = AgentOptions.Output();
        var command = new Command("harmonize", "Find chords for a melody (key and chord symbols at 480 ticks per quarter)") { file, output };
        command.SetAction((parse, ct) => ZordicCommand.GuardAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new CliException($"no such file: {path.FullName}");
            MidiSong song;
            try
            {
                song = MidiReader.Read(await File.ReadAllBytesAsync(path.FullName, ct));
            }
            catch (MidiFormatException e)
            {
                throw new CliException($"{path.Name} is not a MIDI file we can read: {e.Message}");
            }
            var melodyTrack = song.Tracks.Where(t => !t.IsDrums).OrderByDescending(t => t.Notes.Count).ThenBy(t => t.ChunkIndex).FirstOrDefault()
                ?? throw new CliException($"{path.Name} has no melodic notes to harmonize");
            var result = Harmonizer.Default.Harmonize(melodyTrack.Notes, song.TimeSignature, song.Key);
            if (parse.GetValue(ZordicCommand.Json)) Console.WriteLine(SketchJson.Serialize(SketchJson.ToJson(result)));
            else
            {
                Console.WriteLine(result.Key);
                var flats = result.Key.PrefersFlats;
                Console.WriteLine(string.Join(" ", result.Chords.Select(c => $"{c.Chord.Symbol(flats)}@{c.Start}")));
            }
            if (parse.GetValue(output) is { } target)
            {
                var timeSignature = song.TimeSignature.IsValid ? song.TimeSignature : TimeSignature.Common;
                var bars = (int)Math.Max(1, (melodyTrack.Notes.Max(n => n.EndTick) + timeSignature.TicksPerBar - 1) / timeSignature.TicksPerBar);
                var melody = melodyTrack.Notes.Select(n => new GeneratedNote(n.Pitch, (int)n.StartTick, (int)Math.Max(1, n.DurationTicks), n.Velocity)).ToList();
                var harmony = MelodyHarmony.Arrange(result, melody, song.TempoMap.InitialBpm, timeSignature, bars).Sketch;
                var sketch = harmony with { Tracks = [new GeneratedPart("Melody", TrackKind.Lead, melody), .. harmony.Tracks] };
                await AgentOptions.WriteMidiAsync(target, Path.GetFileNameWithoutExtension(path.Name) + " harmonized", ct, sketch);
            }
            return 0;
        }));
        return command;
    }
}
