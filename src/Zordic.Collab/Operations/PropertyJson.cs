using System.Text.Json;
using Zordic.Music.Document;

namespace Zordic.Collab.Operations;

/// <summary>Writes property values back to the JSON an operation carries (the inverse of <see cref="PropertySchema"/>).</summary>
public static class PropertyJson
{
    public static JsonElement ToJson(Property property, PropertyValue value) => property switch
    {
        Property.Name or Property.Instrument or Property.Order => JsonSerializer.SerializeToElement(value.Text),
        Property.Kind => JsonSerializer.SerializeToElement(((TrackKind)value.Integer).Name()),
        Property.Mute or Property.Solo => JsonSerializer.SerializeToElement(value.Flag),
        Property.TimeSignature => JsonSerializer.SerializeToElement(new { numerator = value.Meter.Numerator, denominator = value.Meter.Denominator }),
        Property.Key => JsonSerializer.SerializeToElement(new { tonic = Music.Theory.PitchClassNames.Name(value.Key.Tonic, value.Key.PrefersFlats), mode = Music.Theory.Modes.Name(value.Key.Mode) }),
        Property.StartBar or Property.LengthBars or Property.Pitch or Property.StartTick or Property.DurationTicks or Property.Velocity
            => JsonSerializer.SerializeToElement(value.Integer),
        _ => JsonSerializer.SerializeToElement(value.Number),
    };

    /// <summary>An object with every property of <paramref name="kind"/>, as an insert carries it.</summary>
    public static JsonElement ObjectToJson(TargetKind kind, ReadOnlySpan<PropertyValue> values)
    {
        var properties = Properties.Of(kind);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var slot = 0; slot < properties.Length; slot++)
            {
                writer.WritePropertyName(properties[slot].JsonName());
                ToJson(properties[slot], values[slot]).WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }
}
