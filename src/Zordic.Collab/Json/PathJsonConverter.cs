using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zordic.Collab.Json;

/// <summary>
/// Reads a path as strings. Numbers are read as their text so that an index-style path from the seed
/// (["tracks", 0]) reaches validation and is refused with a message about ids, not a parser error.
/// </summary>
public sealed class PathJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    const int MaxSegments = 16;

    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("path must be an array of strings, e.g. [\"tracks\", \"<track id>\", \"volume\"].");
        var segments = new List<string>(6);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (segments.Count == MaxSegments) throw new JsonException($"path has more than {MaxSegments} segments.");
            segments.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                _ => throw new JsonException("path segments must be strings."),
            });
        }
        return segments;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var segment in value) writer.WriteStringValue(segment);
        writer.WriteEndArray();
    }
}
