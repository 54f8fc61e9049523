using System.Buffers;
using System.Text.Json;
using Zordic.Collab.Json;
using Zordic.Collab.Projects;

namespace Zordic.Server.Fanout;

/// <summary>
/// An <c>op:applied</c> payload, <c>{"project_id", "ops": [{"seq", "op"}, …]}</c>, put together from ops
/// serialized once each (<see cref="Fragment"/>), the same bytes for every member that sends them.
/// </summary>
static class AppliedPage
{
    public static byte[] Fragment(LoggedOperation logged)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", logged.Sequence);
            writer.WritePropertyName("op");
            writer.WriteRawValue(CollabJson.Serialize(logged.Operation), skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static RawJson Of(string projectId, List<byte[]> fragments)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + fragments.Sum(f => f.Length + 1));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("project_id", projectId);
            writer.WriteStartArray("ops");
            foreach (var fragment in fragments) writer.WriteRawValue(fragment, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return new RawJson(buffer.WrittenSpan.ToArray());
    }
}
