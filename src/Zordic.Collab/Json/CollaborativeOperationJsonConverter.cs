using System.Text.Json;
using System.Text.Json.Serialization;
using Zordic.Collab.Operations;

namespace Zordic.Collab.Json;

/// <summary>
/// Reads and writes operations by hand with <see cref="Utf8JsonReader"/>: every op a replica merges
/// comes through here, and the general serializer spent more time and memory on an op than merging it
/// (bench/run ops). Unknown fields are skipped so that newer clients can add some.
/// </summary>
public sealed class CollaborativeOperationJsonConverter : JsonConverter<CollaborativeOperation>
{
    public override CollaborativeOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("an operation must be a JSON object.");
        string? opId = null, userId = null, sessionId = null, parentOpId = null;
        OperationType? type = null;
        IReadOnlyList<string>? path = null;
        JsonElement? value = null;
        VersionVector? versionVector = null;
        long timestamp = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("op_id"u8)) opId = ReadString(ref reader, "op_id");
            else if (reader.ValueTextEquals("user_id"u8)) userId = ReadString(ref reader, "user_id");
            else if (reader.ValueTextEquals("session_id"u8)) sessionId = ReadString(ref reader, "session_id");
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = OperationTypeJsonConverter.ReadType(ref reader);
            }
            else if (reader.ValueTextEquals("path"u8))
            {
                reader.Read();
                path = PathJsonConverter.ReadSegments(ref reader);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                value = reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
            }
            else if (reader.ValueTextEquals("version_vector"u8))
            {
                reader.Read();
                versionVector = VersionVectorJsonConverter.ReadVector(ref reader, sessionId);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out timestamp))
                    throw new JsonException("timestamp must be an integer (milliseconds since the Unix epoch).");
            }
            else if (reader.ValueTextEquals("parent_op_id"u8))
            {
                reader.Read();
                parentOpId = reader.TokenType == JsonTokenType.Null ? null : ReadStringValue(ref reader, "parent_op_id");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new CollaborativeOperation
        {
            OpId = opId ?? throw Missing("op_id"),
            UserId = userId ?? throw Missing("user_id"),
            SessionId = sessionId ?? throw Missing("session_id"),
            Type = type ?? throw Missing("type"),
            Path = path ?? throw Missing("path"),
            Value = value,
            VersionVector = versionVector ?? throw Missing("version_vector"),
            Timestamp = timestamp,
            ParentOpId = parentOpId,
        };
    }

    static JsonException Missing(string field) => new($"the operation has no {field}.");

    static string ReadString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return ReadStringValue(ref reader, field);
    }

    static string ReadStringValue(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.String ? JsonText.String(ref reader, field) : throw new JsonException($"{field} must be a string.");

    public override void Write(Utf8JsonWriter writer, CollaborativeOperation op, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("op_id"u8, op.OpId);
        writer.WriteString("user_id"u8, op.UserId);
        writer.WriteString("session_id"u8, op.SessionId);
        writer.WritePropertyName("type"u8);
        OperationTypeJsonConverter.WriteType(writer, op.Type);
        writer.WriteStartArray("path"u8);
        foreach (var segment in op.Path) writer.WriteStringValue(segment);
        writer.WriteEndArray();
        if (op.Value is { } value)
        {
            writer.WritePropertyName("value"u8);
            value.WriteTo(writer);
        }
        writer.WritePropertyName("version_vector"u8);
        VersionVectorJsonConverter.WriteVector(writer, op.VersionVector);
        writer.WriteNumber("timestamp"u8, op.Timestamp);
        if (op.ParentOpId is not null) writer.WriteString("parent_op_id"u8, op.ParentOpId);
        writer.WriteEndObject();
    }
}
