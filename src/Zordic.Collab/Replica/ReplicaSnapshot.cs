using System.Buffers;
using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Collab.Replica;

/// <summary>
/// The whole replica state, tombstones and stamps included, as canonical JSON: children sorted by id,
/// properties by slot. Two replicas that merged the same set of operations write the same bytes, which
/// is how convergence is tested, and a snapshot plus the ops after it rebuilds a project without
/// replaying its history.
/// </summary>
public static class ReplicaSnapshot
{
    const int Format = 1;

    public static byte[] Write(ProjectReplica replica)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("format", Format);
            w.WriteString("project_id", replica.ProjectId);
            w.WriteStartObject("seen");
            foreach (var (session, seq) in replica.Seen.OrderBy(e => e.Key, StringComparer.Ordinal)) w.WriteNumber(session, seq);
            w.WriteEndObject();
            w.WriteNumber("seen_total", replica.SeenTotal);
            w.WritePropertyName("root");
            WriteNode(w, replica.Root);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    static void WriteNode(Utf8JsonWriter w, ObjectState node)
    {
        w.WriteStartObject();
        w.WriteString("id", node.Id);
        if (node.Alive.IsSet)
        {
            w.WriteStartArray("alive");
            w.WriteBooleanValue(node.Alive.Value);
            WriteStamp(w, node.Alive.Stamp);
            w.WriteEndArray();
        }
        w.WriteStartArray("props");
        var properties = Properties.Of(node.Kind);
        for (var slot = 0; slot < properties.Length; slot++)
        {
            ref var register = ref node.Properties[slot];
            if (!register.IsSet) { w.WriteNullValue(); continue; }
            w.WriteStartArray();
            WriteValue(w, properties[slot], register.Value);
            WriteStamp(w, register.Stamp);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        if (node.Children is { Count: > 0 })
        {
            w.WriteStartArray("children");
            foreach (var child in node.Children.Values.OrderBy(c => c.Id, StringComparer.Ordinal)) WriteNode(w, child);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    static void WriteStamp(Utf8JsonWriter w, in OpStamp stamp)
    {
        w.WriteNumberValue(stamp.Clock);
        w.WriteNumberValue(stamp.Timestamp);
        w.WriteStringValue(stamp.OpId);
    }

    static void WriteValue(Utf8JsonWriter w, Property property, in PropertyValue value)
    {
        switch (property)
        {
            case Property.Name or Property.Instrument or Property.Order:
                w.WriteStringValue(value.Text);
                break;
            case Property.TimeSignature:
                w.WriteStartArray();
                w.WriteNumberValue(value.Meter.Numerator);
                w.WriteNumberValue(value.Meter.Denominator);
                w.WriteEndArray();
                break;
            case Property.Key:
                w.WriteStartArray();
                w.WriteNumberValue((int)value.Key.Tonic);
                w.WriteNumberValue((int)value.Key.Mode);
                w.WriteEndArray();
                break;
            default:
                w.WriteNumberValue(value.Number);
                break;
        }
    }

    public static ProjectReplica Read(ReadOnlySpan<byte> utf8)
    {
        using var doc = JsonDocument.Parse(utf8.ToArray());
        var root = doc.RootElement;
        if (root.GetProperty("format").GetInt32() != Format) throw new InvalidDataException("unknown snapshot format");
        var replica = new ProjectReplica(root.GetProperty("project_id").GetString()!);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in root.GetProperty("seen").EnumerateObject()) seen[e.Name] = e.Value.GetInt64();
        ReadNode(root.GetProperty("root"), replica.Root);
        replica.Restore(seen, root.TryGetProperty("seen_total", out var total) ? total.GetInt64() : null);
        return replica;
    }

    static void ReadNode(JsonElement json, ObjectState node)
    {
        if (json.TryGetProperty("alive", out var alive))
        {
            node.Alive.Set(alive[0].GetBoolean(), ReadStamp(alive, 1));
        }
        var properties = Properties.Of(node.Kind);
        var slot = 0;
        foreach (var register in json.GetProperty("props").EnumerateArray())
        {
            if (register.ValueKind != JsonValueKind.Null)
                node.Properties[slot].Set(ReadValue(properties[slot], register[0]), ReadStamp(register, 1));
            slot++;
        }
        if (json.TryGetProperty("children", out var children))
        {
            var childKind = node.Kind + 1;
            foreach (var child in children.EnumerateArray())
                ReadNode(child, node.Child(childKind, child.GetProperty("id").GetString()!));
        }
    }

    static OpStamp ReadStamp(JsonElement array, int at) =>
        new(array[at].GetInt64(), array[at + 1].GetInt64(), array[at + 2].GetString()!);

    static PropertyValue ReadValue(Property property, JsonElement json) => property switch
    {
        Property.Name or Property.Instrument or Property.Order => PropertyValue.Of(json.GetString()!),
        Property.TimeSignature => PropertyValue.Of(new TimeSignature(json[0].GetInt32(), json[1].GetInt32())),
        Property.Key => PropertyValue.Of(new MusicalKey((PitchClass)json[0].GetInt32(), (Mode)json[1].GetInt32())),
        _ => PropertyValue.Of(json.GetDouble()),
    };
}
