using System.Text.Json;
using System.Text.Json.Serialization;
using Zordic.Collab.Operations;

namespace Zordic.Collab.Json;

/// <summary>A version vector is a JSON object of session id → op count, written in sorted order.</summary>
public sealed class VersionVectorJsonConverter : JsonConverter<VersionVector>
{
    public override VersionVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("version_vector must be an object of session id → count.");
        var entries = new List<KeyValuePair<string, long>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var session = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var count) || count < 0)
                throw new JsonException($"version_vector['{session}'] must be a non-negative integer.");
            if (entries.Count >= 10_000) throw new JsonException("version_vector has more than 10,000 sessions.");
            entries.Add(new(session, count));
        }
        return VersionVector.From(entries);
    }

    public override void Write(Utf8JsonWriter writer, VersionVector value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (session, count) in value) writer.WriteNumber(session, count);
        writer.WriteEndObject();
    }
}
