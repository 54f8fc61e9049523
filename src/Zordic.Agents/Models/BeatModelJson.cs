using System.Text.Json;
using Zordic.Agents.Beat;

namespace Zordic.Agents.Models;

/// <summary>Reads and writes <c>beat.json</c>: per Groove style, bar patterns as 16-bit step masks per voice plus per-step statistics.</summary>
internal static class BeatModelJson
{
    public static string Write(BeatModel model) => ModelJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("model", "beat: per Groove style, the most played 16-step bars and fills (masks per voice: kick, snare, closed hat, open hat, low/mid/high tom, crash, ride) and per voice×step onset probability, velocity and timing (ticks at 480 PPQ); quantiles at (i + 0.5)/n of the per-bar timing spread (ms), velocity spread and syncopation (share of onset steps on odd 16ths)");
        w.WriteString("data", "Groove MIDI Dataset (Gillick et al. 2019, Google Magenta), train split, CC BY 4.0");
        w.WriteStartArray("styles");
        foreach (var style in model.Styles.Values)
        {
            w.WriteStartObject();
            w.WriteString("name", style.Name);
            w.WriteNumber("bpm", style.Bpm);
            Bars(w, "patterns", style.Patterns);
            Bars(w, "fills", style.Fills);
            ModelJson.Numbers(w, "onset_probability", style.OnsetProbability);
            ModelJson.Numbers(w, "velocity_mean", style.VelocityMean);
            ModelJson.Numbers(w, "velocity_spread", style.VelocitySpread);
            ModelJson.Numbers(w, "timing_mean", style.TimingMean);
            ModelJson.Numbers(w, "timing_spread", style.TimingSpread);
            ModelJson.Numbers(w, "bar_timing_spread_ms", style.BarTimingSpreadMs);
            ModelJson.Numbers(w, "bar_velocity_spread", style.BarVelocitySpread);
            ModelJson.Numbers(w, "bar_syncopation", style.BarSyncopation);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    static void Bars(Utf8JsonWriter w, string name, IReadOnlyList<WeightedBar> bars)
    {
        w.WriteStartArray(name);
        foreach (var bar in bars)
        {
            // [count, kick, snare, closed hat, open hat, low tom, mid tom, high tom, crash, ride]
            ModelJson.Numbers(w, null, (int[])[bar.Count, .. Enumerable.Range(0, DrumVoices.LearnedCount).Select(v => (int)bar.Bar[(DrumVoice)v])]);
        }
        w.WriteEndArray();
    }

    public static BeatModel Read(JsonElement root)
    {
        var styles = new SortedDictionary<string, GrooveStyle>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("styles").EnumerateArray())
        {
            var style = new GrooveStyle(
                s.GetProperty("name").GetString()!, s.GetProperty("bpm").GetDouble(),
                ReadBars(s.GetProperty("patterns")), ReadBars(s.GetProperty("fills")),
                ModelJson.Floats(s.GetProperty("onset_probability")), ModelJson.Floats(s.GetProperty("velocity_mean")),
                ModelJson.Floats(s.GetProperty("velocity_spread")), ModelJson.Floats(s.GetProperty("timing_mean")),
                ModelJson.Floats(s.GetProperty("timing_spread")), ModelJson.Floats(s.GetProperty("bar_timing_spread_ms")),
                ModelJson.Floats(s.GetProperty("bar_velocity_spread")), ModelJson.Floats(s.GetProperty("bar_syncopation")));
            styles[style.Name] = style;
        }
        return new BeatModel(styles);
    }

    static List<WeightedBar> ReadBars(JsonElement array) => array.EnumerateArray().Select(e =>
    {
        var v = ModelJson.Ints(e);
        var bar = default(DrumBar);
        for (var i = 0; i < DrumVoices.LearnedCount; i++) bar = bar.With((DrumVoice)i, (ushort)v[i + 1]);
        return new WeightedBar(bar, v[0]);
    }).ToList();
}
