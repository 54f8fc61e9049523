using System.Text.Json;
using System.Text.Json.Serialization;
using Zordic.Collab.Operations;

namespace Zordic.Collab.Json;

/// <summary>
/// Reads a path as strings. Numbers are read as their text so that an index-style path from the seed
/// (["tracks", 0]) reaches validation and is refused with a message about ids, not a parser error.
/// </summary>
public sealed class PathJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    internal const int MaxSegments = 16;

    static readonly (byte[] Utf8, string Text)[] Keywords =
        [.. new[] { "tracks", "clips", "notes" }.Concat(Enum.GetValues<Property>().Where(p => p != Property.None).Select(p => p.JsonName()))
            .Select(k => (System.Text.Encoding.UTF8.GetBytes(k), k))];

    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadSegments(ref reader);

    /// <summary>Reads the array at the reader; collection names and property names come back as shared strings.</summary>
    internal static string[] ReadSegments(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("path must be an array of strings, e.g. [\"tracks\", \"<track id>\", \"volume\"].");
        var segments = new Segments();
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == MaxSegments) throw new JsonException($"path has more than {MaxSegments} segments.");
            segments[count++] = reader.TokenType switch
            {
                JsonTokenType.String => Keyword(ref reader) ?? JsonText.String(ref reader, "a path segment"),
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                _ => throw new JsonException("path segments must be strings."),
            };
        }
        return ((ReadOnlySpan<string>)segments)[..count].ToArray();
    }

    /// <summary>Room for a whole path on the stack, so that reading one allocates only the final array.</summary>
    [System.Runtime.CompilerServices.InlineArray(MaxSegments)]
    struct Segments
    {
        string _first;
    }

    static string? Keyword(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > 16 || reader.ValueIsEscaped) return null;
        foreach (var (utf8, text) in Keywords)
        {
            if (reader.ValueSpan.SequenceEqual(utf8)) return text;
        }
        return null;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var segment in value) writer.WriteStringValue(segment);
        writer.WriteEndArray();
    }
}
