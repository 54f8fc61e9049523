using System.Text.Json;
using System.Text.Json.Serialization;
using Zordic.Collab.Operations;

namespace Zordic.Collab.Json;

/// <summary>The JSON wire format of operations: snake_case names, lower-case op types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    Converters = [typeof(VersionVectorJsonConverter), typeof(OperationTypeJsonConverter)])]
[JsonSerializable(typeof(CollaborativeOperation))]
[JsonSerializable(typeof(CollaborativeOperation[]))]
[JsonSerializable(typeof(List<CollaborativeOperation>))]
[JsonSerializable(typeof(VersionVector))]
[JsonSerializable(typeof(OperationIntent))]
public sealed partial class CollabJson : JsonSerializerContext
{
    /// <summary>Parses one operation; a <see cref="JsonException"/> says which field is wrong.</summary>
    public static CollaborativeOperation ParseOperation(JsonElement json) =>
        json.Deserialize(Default.CollaborativeOperation) ?? throw new JsonException("an operation must be a JSON object, not null.");

    public static CollaborativeOperation ParseOperation(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, Default.CollaborativeOperation) ?? throw new JsonException("an operation must be a JSON object, not null.");

    public static byte[] Serialize(CollaborativeOperation op) => JsonSerializer.SerializeToUtf8Bytes(op, Default.CollaborativeOperation);
}

/// <summary>Op types are the seed's lower-case strings: "insert", "delete", "update".</summary>
public sealed class OperationTypeJsonConverter : JsonConverter<OperationType>
{
    public override OperationType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("insert"u8)) return OperationType.Insert;
            if (reader.ValueTextEquals("delete"u8)) return OperationType.Delete;
            if (reader.ValueTextEquals("update"u8)) return OperationType.Update;
        }
        throw new JsonException("type must be \"insert\", \"delete\" or \"update\".");
    }

    public override void Write(Utf8JsonWriter writer, OperationType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value switch { OperationType.Insert => "insert", OperationType.Delete => "delete", _ => "update" });
}
