using System.Runtime.InteropServices;
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
    public static CollaborativeOperation ParseOperation(JsonElement json) => ParseOperation(JsonMarshal.GetRawUtf8Value(json));

    /// <summary>Calls the converter directly: the serializer's entry point costs more than the parse itself.</summary>
    public static CollaborativeOperation ParseOperation(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 32 });
        if (!reader.Read()) throw new JsonException("an operation must be a JSON object, not nothing.");
        return OperationConverter.Read(ref reader, typeof(CollaborativeOperation), Default.Options);
    }

    static readonly CollaborativeOperationJsonConverter OperationConverter = new();

    public static byte[] Serialize(CollaborativeOperation op) => JsonSerializer.SerializeToUtf8Bytes(op, Default.CollaborativeOperation);
}

/// <summary>Op types are the seed's lower-case strings: "insert", "delete", "update".</summary>
public sealed class OperationTypeJsonConverter : JsonConverter<OperationType>
{
    public override OperationType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadType(ref reader);

    public override void Write(Utf8JsonWriter writer, OperationType value, JsonSerializerOptions options) => WriteType(writer, value);

    internal static OperationType ReadType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("insert"u8)) return OperationType.Insert;
            if (reader.ValueTextEquals("delete"u8)) return OperationType.Delete;
            if (reader.ValueTextEquals("update"u8)) return OperationType.Update;
        }
        throw new JsonException("type must be \"insert\", \"delete\" or \"update\".");
    }

    internal static void WriteType(Utf8JsonWriter writer, OperationType value) =>
        writer.WriteStringValue(value switch { OperationType.Insert => "insert", OperationType.Delete => "delete", _ => "update" });
}
