using System.Text.Json;
using System.Text.Json.Nodes;
using Zordic.Agents.Composition;
using Zordic.Agents.Harmony;
using Zordic.Music.Document;
using Zordic.Music.Time;

namespace Zordic.Agents.Parts;

/// <summary>
/// The agents' JSON shapes (issue 6): a sketch is <c>{"bpm", "time_signature", "key", "ppq", "tracks":
/// [{"name", "kind", "notes": [{"pitch", "start", "duration", "velocity"}]}]}</c>; a harmonization is
/// <c>{"key", "chords": [{"start", "duration", "symbol"}]}</c>.
/// </summary>
public static class SketchJson
{
    public static JsonObject ToJson(Sketch sketch)
    {
        var tracks = new JsonArray();
        foreach (var track in sketch.Tracks)
        {
            var notes = new JsonArray();
            foreach (var n in track.Notes)
                notes.Add(new JsonObject { ["pitch"] = n.Pitch, ["start"] = n.Start, ["duration"] = n.Duration, ["velocity"] = n.Velocity });
            tracks.Add(new JsonObject { ["name"] = track.Name, ["kind"] = track.Kind.Name(), ["notes"] = notes });
        }
        return new JsonObject
        {
            ["bpm"] = sketch.Bpm,
            ["time_signature"] = sketch.TimeSignature.ToString(),
            ["key"] = sketch.Key.ToString(),
            ["ppq"] = Ticks.PerQuarter,
            ["tracks"] = tracks,
        };
    }

    public static JsonObject ToJson(Harmonization harmonization)
    {
        var flats = harmonization.Key.PrefersFlats;
        var chords = new JsonArray();
        foreach (var c in harmonization.Chords)
            chords.Add(new JsonObject { ["start"] = c.Start, ["duration"] = c.Duration, ["symbol"] = c.Chord.Symbol(flats) });
        return new JsonObject { ["key"] = harmonization.Key.ToString(), ["chords"] = chords };
    }

    public static JsonObject ToJson(Composition.Composition composition) => new()
    {
        ["beat"] = ToJson(composition.Beat.Sketch),
        ["melody"] = ToJson(composition.Melody),
        ["harmony"] = ToJson(composition.Harmony.Sketch),
        ["timings_ms"] = new JsonObject
        {
            ["beat"] = Math.Round(composition.Timings.BeatMs, 3),
            ["melody"] = Math.Round(composition.Timings.MelodyMs, 3),
            ["harmony"] = Math.Round(composition.Timings.HarmonyMs, 3),
            ["total"] = Math.Round(composition.Timings.TotalMs, 3),
        },
    };

    public static string Serialize(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
