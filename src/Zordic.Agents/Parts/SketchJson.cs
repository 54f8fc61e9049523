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

    /// <summary>The sketch's JSON with its length in bars, as agents pass sketches in messages.</summary>
    public static JsonObject ToMessageJson(Sketch sketch)
    {
        var json = ToJson(sketch);
        json["bars"] = sketch.Bars;
        return json;
    }

    /// <summary>Reads the shape <see cref="ToJson(Sketch)"/> writes (with an optional "bars").</summary>
    public static Sketch FromJson(JsonElement json)
    {
        var meter = json.GetProperty("time_signature").GetString()!.Split('/');
        if (!Music.Theory.MusicalKey.TryParse(json.GetProperty("key").GetString(), out var key))
            throw new JsonException($"'{json.GetProperty("key").GetString()}' is not a key");
        var parts = new List<GeneratedPart>();
        foreach (var track in json.GetProperty("tracks").EnumerateArray())
        {
            if (!TrackKinds.TryParse(track.GetProperty("kind").GetString(), out var kind)) throw new JsonException("unknown track kind");
            var notes = track.GetProperty("notes").EnumerateArray()
                .Select(n => new GeneratedNote(n.GetProperty("pitch").GetInt32(), n.GetProperty("start").GetInt32(), n.GetProperty("duration").GetInt32(), n.GetProperty("velocity").GetInt32()))
                .ToList();
            parts.Add(new GeneratedPart(track.GetProperty("name").GetString()!, kind, notes));
        }
        var timeSignature = new TimeSignature(int.Parse(meter[0]), int.Parse(meter[1]));
        var end = parts.SelectMany(p => p.Notes).Select(n => (long)n.End).DefaultIfEmpty(timeSignature.TicksPerBar).Max();
        var bars = json.TryGetProperty("bars", out var b) ? b.GetInt32() : (int)Math.Max(1, (end + timeSignature.TicksPerBar - 1) / timeSignature.TicksPerBar);
        return new Sketch(json.GetProperty("bpm").GetDouble(), timeSignature, key, bars, parts);
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
