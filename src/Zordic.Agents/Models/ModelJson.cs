using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Zordic.Agents.Models;

/// <summary>
/// The shared shape of the committed parameter files: indented JSON whose number arrays sit on one
/// line each, so that a refit shows up as a readable diff and the files stay small.
/// </summary>
internal static class ModelJson
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            body(writer);
        }
        // Fold arrays of numbers onto one line: Utf8JsonWriter indents every element.
        var text = Encoding.UTF8.GetString(stream.ToArray());
        var folded = System.Text.RegularExpressions.Regex.Replace(text, @"\[\s+((?:-?[\d.eE+-]+,\s+)*-?[\d.eE+-]+)\s+\]",
            m => "[" + System.Text.RegularExpressions.Regex.Replace(m.Groups[1].Value, @",\s+", ",") + "]");
        return folded.ReplaceLineEndings("\n") + "\n";
    }

    public static void Numbers(Utf8JsonWriter writer, string name, IEnumerable<float> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    public static void Numbers(Utf8JsonWriter writer, string? name, IEnumerable<int> values)
    {
        if (name is null) writer.WriteStartArray(); else writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    public static float[] Floats(JsonElement element) => element.EnumerateArray().Select(e => e.GetSingle()).ToArray();

    public static int[] Ints(JsonElement element) => element.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>Rounds to five significant digits: the stored precision, applied before a model is used so that training and loading agree.</summary>
    public static float Round(double v) =>
        v == 0 || !double.IsFinite(v) ? 0 : float.Parse(((float)v).ToString("G5", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
