using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zordic.Server.Fanout;

/// <summary>
/// A payload serialized once and written as it is to every connection: an <c>op:applied</c> page goes
/// to every member of a session, and writing bytes costs a copy where serializing costs a walk of the ops.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(byte[] Utf8)
{
    sealed class RawJsonConverter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("RawJson is only written");

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}
