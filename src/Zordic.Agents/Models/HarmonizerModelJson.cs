using System.Text.Json;
using Zordic.Agents.Harmony;

namespace Zordic.Agents.Models;

/// <summary>Reads and writes <c>harmonizer.json</c>.</summary>
internal static class HarmonizerModelJson
{
    public static string Write(HarmonizerModel model) => ModelJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("model", "harmonizer: conditional random field over chords relative to the key, eighth-note grid");
        w.WriteString("data", "Nottingham Music Database (Jukedeck cleaned), train split: derived weights only");
        w.WriteNumber("candidate_keys", model.CandidateKeys);
        ModelJson.Numbers(w, "state_roots", model.StateRoot);
        w.WriteStartArray("state_qualities");
        foreach (var q in model.StateQuality) w.WriteStringValue(q.ToString().ToLowerInvariant());
        w.WriteEndArray();
        ModelJson.Numbers(w, "key_profile", model.KeyProfile);
        ModelJson.Numbers(w, "weights", model.Weights);
        w.WriteEndObject();
    });

    public static HarmonizerModel Read(JsonElement root)
    {
        var roots = ModelJson.Ints(root.GetProperty("state_roots"));
        var qualities = root.GetProperty("state_qualities").EnumerateArray()
            .Select(e => Enum.Parse<ChordQuality>(e.GetString()!, ignoreCase: true)).ToArray();
        return new HarmonizerModel(roots, qualities, ModelJson.Floats(root.GetProperty("weights")),
            ModelJson.Floats(root.GetProperty("key_profile")), root.GetProperty("candidate_keys").GetInt32());
    }
}
