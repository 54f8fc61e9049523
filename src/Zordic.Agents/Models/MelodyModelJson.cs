using System.Text.Json;
using Zordic.Agents.Melody;

namespace Zordic.Agents.Models;

/// <summary>Reads and writes <c>melody.json</c>: n-gram counts over pitches relative to the major tonic and the bar rhythms.</summary>
internal static class MelodyModelJson
{
    public static string Write(MelodyModel model) => ModelJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("model", "melody: Witten-Bell interpolated trigram over pitch minus the key's major tonic (symbol = that + 12), and 4/4 bar rhythms as 16-step onset masks");
        w.WriteString("data", "Nottingham Music Database (Jukedeck cleaned), train split: derived counts only, no tune is stored");
        ModelJson.Numbers(w, "unigram", model.Pitches.Unigram);
        Table(w, "bigrams", model.Pitches.Bigrams);
        Table(w, "trigrams", model.Pitches.Trigrams);
        w.WriteStartArray("rhythms");
        foreach (var r in model.Rhythms) ModelJson.Numbers(w, null, (int[])[r.Onsets, r.Count]);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    // Each row: [context, next, count, next, count, …], contexts and successors in ascending order.
    static void Table(Utf8JsonWriter w, string name, IEnumerable<(int Context, IReadOnlyDictionary<int, int> Next)> rows)
    {
        w.WriteStartArray(name);
        foreach (var (context, next) in rows.OrderBy(r => r.Context))
            ModelJson.Numbers(w, null, (int[])[context, .. next.OrderBy(kv => kv.Key).SelectMany(kv => new[] { kv.Key, kv.Value })]);
        w.WriteEndArray();
    }

    public static MelodyModel Read(JsonElement root)
    {
        var pitches = new PitchSequenceModel(ModelJson.Ints(root.GetProperty("unigram")), ReadTable(root.GetProperty("bigrams")), ReadTable(root.GetProperty("trigrams")));
        var rhythms = root.GetProperty("rhythms").EnumerateArray().Select(e => { var v = ModelJson.Ints(e); return new BarRhythm((ushort)v[0], v[1]); }).ToList();
        return new MelodyModel(pitches, rhythms);
    }

    static Dictionary<int, Dictionary<int, int>> ReadTable(JsonElement array)
    {
        var table = new Dictionary<int, Dictionary<int, int>>();
        foreach (var row in array.EnumerateArray())
        {
            var v = ModelJson.Ints(row);
            var next = new Dictionary<int, int>();
            for (var i = 1; i + 1 < v.Length; i += 2) next[v[i]] = v[i + 1];
            table[v[0]] = next;
        }
        return table;
    }
}
