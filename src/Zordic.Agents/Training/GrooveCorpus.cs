using System.Globalization;
using Zordic.Agents.Beat;
using Zordic.Music.Midi;
using Zordic.Music.Time;

namespace Zordic.Agents.Training;

/// <summary>One hit of a recorded drummer, in ticks at 480 per quarter from the start of the performance.</summary>
public readonly record struct DrumHit(long Tick, DrumVoice Voice, int Velocity);

/// <summary>A Groove MIDI Dataset performance with its metadata from <c>info.csv</c>.</summary>
/// <param name="Style">The primary style ("funk" of "funk/groove1").</param>
public sealed record GroovePerformance(string Id, string Drummer, string Style, string FullStyle, double Bpm, bool IsFill, TimeSignature TimeSignature, string Split, IReadOnlyList<DrumHit> Hits)
{
    public long TicksPerBar => TimeSignature.TicksPerBar;
}

/// <summary>Reads the Groove MIDI Dataset (Gillick et al. 2019, CC BY 4.0) from <c>groove/</c>.</summary>
public static class GrooveCorpus
{
    /// <summary>Every performance in 4/4 (the studio's drum grid), in info.csv order.</summary>
    public static IReadOnlyList<GroovePerformance> Load(string dataFolder, Func<string, bool>? splitFilter = null)
    {
        var folder = Path.Combine(dataFolder, "groove");
        var info = Path.Combine(folder, "info.csv");
        if (!File.Exists(info)) throw new FileNotFoundException($"the Groove MIDI Dataset is missing: no {info}", info);
        var result = new List<GroovePerformance>();
        string[]? header = null;
        foreach (var line in File.ReadLines(info))
        {
            var cells = line.Split(',');
            if (header is null) { header = cells; continue; }
            if (cells.Length < header.Length) continue;
            string Cell(string name) => cells[Array.IndexOf(header, name)];
            if (Cell("time_signature") != "4-4") continue;
            var split = Cell("split");
            if (splitFilter is not null && !splitFilter(split)) continue;
            var fullStyle = Cell("style");
            var bytes = File.ReadAllBytes(Path.Combine(folder, Cell("midi_filename")));
            var song = MidiReader.Read(bytes);
            var hits = new List<DrumHit>();
            foreach (var track in song.Tracks)
            {
                foreach (var note in track.Notes)
                {
                    if (DrumVoices.FromGeneralMidi(note.Pitch) is { } voice) hits.Add(new DrumHit(note.StartTick, voice.Learned(), note.Velocity));
                }
            }
            hits.Sort((a, b) => a.Tick != b.Tick ? a.Tick.CompareTo(b.Tick) : a.Voice.CompareTo(b.Voice));
            result.Add(new GroovePerformance(
                Cell("id"), Cell("drummer"), fullStyle.Split('/')[0], fullStyle,
                double.Parse(Cell("bpm"), CultureInfo.InvariantCulture), Cell("beat_type") == "fill",
                TimeSignature.Common, split, hits));
        }
        return result;
    }
}
