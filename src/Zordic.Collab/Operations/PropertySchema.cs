using System.Text.Json;
using Zordic.Collab.Json;
using Zordic.Music.Document;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Collab.Operations;

/// <summary>
/// The type, range and default of every property, and the shape of inserted objects. Every replica
/// runs the same checks, so an op is valid everywhere or nowhere.
/// </summary>
public static class PropertySchema
{
    /// <summary>Parses and checks one property value from JSON.</summary>
    public static bool TryParse(Property property, JsonElement json, out PropertyValue value, out Rejection? rejection)
    {
        value = default;
        rejection = null;
        var name = property.JsonName();
        switch (property)
        {
            case Property.Name:
                if (json.ValueKind != JsonValueKind.String) return Fail(RejectionCodes.InvalidValue, $"{name} must be a string, got {Describe(json)}", out rejection);
                if (JsonText.TryString(json) is not { } text) return Fail(RejectionCodes.InvalidValue, $"{name} holds half of a UTF-16 surrogate pair", out rejection);
                if (string.IsNullOrWhiteSpace(text)) return Fail(RejectionCodes.OutOfRange, $"{name} must not be empty", out rejection);
                if (text.Length > DocumentLimits.MaxNameLength) return Fail(RejectionCodes.OutOfRange, $"{name} must be at most {DocumentLimits.MaxNameLength} characters, got {text.Length}", out rejection);
                value = PropertyValue.Of(text);
                return true;
            case Property.Bpm: return Number(json, name, DocumentLimits.MinBpm, DocumentLimits.MaxBpm, out value, out rejection);
            case Property.Swing: return Number(json, name, DocumentLimits.MinSwing, DocumentLimits.MaxSwing, out value, out rejection);
            case Property.Volume: return Number(json, name + " (dB)", DocumentLimits.MinVolumeDb, DocumentLimits.MaxVolumeDb, out value, out rejection);
            case Property.Pan: return Number(json, name, DocumentLimits.MinPan, DocumentLimits.MaxPan, out value, out rejection);
            case Property.Mute or Property.Solo:
                if (json.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return Fail(RejectionCodes.InvalidValue, $"{name} must be true or false, got {Describe(json)}", out rejection);
                value = PropertyValue.Of(json.GetBoolean());
                return true;
            case Property.Kind:
                if (json.ValueKind != JsonValueKind.String || !TrackKinds.TryParse(JsonText.TryString(json), out var kind))
                    return Fail(RejectionCodes.InvalidValue, $"kind must be one of {string.Join(", ", TrackKinds.All)}, got {Describe(json)}", out rejection);
                value = PropertyValue.Of((double)kind);
                return true;
            case Property.Instrument:
                if (json.ValueKind != JsonValueKind.String || !InstrumentPresets.IsKnown(JsonText.TryString(json)))
                    return Fail(RejectionCodes.InvalidValue, $"instrument must be one of {string.Join(", ", InstrumentPresets.All)}, got {Describe(json)}", out rejection);
                value = PropertyValue.Of(json.GetString()!);
                return true;
            case Property.Order:
                if (json.ValueKind != JsonValueKind.String || !FractionalIndex.IsValid(JsonText.TryString(json)))
                    return Fail(RejectionCodes.InvalidValue, $"order must be a fractional index key (base-62 digits 0-9A-Za-z, not ending in '0', at most {DocumentLimits.MaxOrderLength} characters), got {Describe(json)}", out rejection);
                value = PropertyValue.Of(json.GetString()!);
                return true;
            case Property.TimeSignature: return TryParseMeter(json, out value, out rejection);
            case Property.Key: return TryParseKey(json, out value, out rejection);
            case Property.StartBar: return Integer(json, name, 0, DocumentLimits.MaxBars - 1, out value, out rejection);
            case Property.LengthBars: return Integer(json, name, 1, DocumentLimits.MaxClipLengthBars, out value, out rejection);
            case Property.Pitch: return Integer(json, name, DocumentLimits.MinPitch, DocumentLimits.MaxPitch, out value, out rejection);
            case Property.Velocity: return Integer(json, name, DocumentLimits.MinVelocity, DocumentLimits.MaxVelocity, out value, out rejection);
            case Property.StartTick: return Integer(json, name, 0, DocumentLimits.MaxTicks, out value, out rejection);
            case Property.DurationTicks: return Integer(json, name, 1, DocumentLimits.MaxTicks, out value, out rejection);
            default: return Fail(RejectionCodes.InvalidPath, $"unknown property {property}", out rejection);
        }
    }

    /// <summary>
    /// Parses an inserted object into one value per property of its kind (in <see cref="Properties.Of"/>
    /// order), filling defaults. Unknown fields are refused so that typos do not vanish silently.
    /// </summary>
    public static bool TryParseObject(TargetKind kind, string id, JsonElement json, PropertyValue[] values, out Rejection? rejection)
    {
        rejection = null;
        var noun = kind.ToString().ToLowerInvariant();
        if (json.ValueKind != JsonValueKind.Object) return Fail(RejectionCodes.InvalidValue, $"an inserted {noun} must be a JSON object, got {Describe(json)}", out rejection);
        var properties = Properties.Of(kind);
        Span<bool> seen = stackalloc bool[properties.Length];
        foreach (var field in json.EnumerateObject())
        {
            if (field.NameEquals("id"))
            {
                if (field.Value.ValueKind != JsonValueKind.String || JsonText.TryString(field.Value) != id)
                    return Fail(RejectionCodes.InvalidValue, $"the {noun}'s id field must equal the id in its path ('{id}')", out rejection);
                continue;
            }
            var slot = Properties.TryParse(field.Name, out var p) ? properties.IndexOf(p) : -1;
            if (slot < 0)
            {
                var allowed = string.Join(", ", properties.ToArray().Select(x => x.JsonName()));
                return Fail(RejectionCodes.InvalidValue, $"'{OperationTarget.Shorten(field.Name)}' is not a field of a {noun} ({allowed})", out rejection);
            }
            if (!TryParse(p, field.Value, out values[slot], out rejection)) return false;
            seen[slot] = true;
        }
        for (var slot = 0; slot < properties.Length; slot++)
        {
            if (!seen[slot] && IsRequired(kind, properties[slot]))
                return Fail(RejectionCodes.InvalidValue, $"an inserted {noun} needs '{properties[slot].JsonName()}'", out rejection);
        }
        // A track's default name and instrument follow its kind (slot 1, required).
        var trackKind = kind == TargetKind.Track ? (TrackKind)values[1].Integer : default;
        for (var slot = 0; slot < properties.Length; slot++)
        {
            if (!seen[slot]) values[slot] = Default(properties[slot], trackKind);
        }
        return true;
    }

    /// <summary>A track's kind and order and a note's pitch, start and duration have no sensible default.</summary>
    static bool IsRequired(TargetKind kind, Property property) => (kind, property) switch
    {
        (TargetKind.Track, Property.Kind or Property.Order) => true,
        (TargetKind.Note, Property.Pitch or Property.StartTick or Property.DurationTicks) => true,
        _ => false,
    };

    static PropertyValue Default(Property property, TrackKind trackKind) => property switch
    {
        Property.Name => PropertyValue.Of(char.ToUpperInvariant(trackKind.Name()[0]) + trackKind.Name()[1..]),
        Property.Instrument => PropertyValue.Of(InstrumentPresets.DefaultFor(trackKind)),
        Property.Mute or Property.Solo => PropertyValue.Of(false),
        Property.LengthBars => PropertyValue.Of(1.0),
        Property.Velocity => PropertyValue.Of(100.0),
        _ => PropertyValue.Of(0.0), // volume 0 dB, pan centre, start bar 0
    };

    static bool TryParseMeter(JsonElement json, out PropertyValue value, out Rejection? rejection)
    {
        value = default;
        rejection = null;
        if (json.ValueKind == JsonValueKind.Object
            && json.TryGetProperty("numerator", out var num) && num.TryGetInt32(out var n)
            && json.TryGetProperty("denominator", out var den) && den.TryGetInt32(out var d)
            && CountFields(json) == 2)
        {
            var meter = new TimeSignature(n, d);
            if (!meter.IsValid) return Fail(RejectionCodes.OutOfRange, $"time_signature {n}/{d} is not supported: numerator 1–32, denominator 1, 2, 4, 8, 16 or 32", out rejection);
            value = PropertyValue.Of(meter);
            return true;
        }
        return Fail(RejectionCodes.InvalidValue, $"time_signature must be {{\"numerator\": int, \"denominator\": int}}, got {Describe(json)}", out rejection);
    }

    static bool TryParseKey(JsonElement json, out PropertyValue value, out Rejection? rejection)
    {
        value = default;
        rejection = null;
        if (json.ValueKind == JsonValueKind.Object
            && json.TryGetProperty("tonic", out var tonic) && tonic.ValueKind == JsonValueKind.String
            && json.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String
            && CountFields(json) == 2)
        {
            if (!PitchClassNames.TryParse(JsonText.TryString(tonic), out var pc))
                return Fail(RejectionCodes.OutOfRange, $"key tonic {Describe(tonic)} is not a pitch name like C, F# or Bb", out rejection);
            if (!Modes.TryParse(JsonText.TryString(mode), out var m))
                return Fail(RejectionCodes.OutOfRange, $"key mode {Describe(mode)} is not one of major, minor, dorian, phrygian, lydian, mixolydian, locrian", out rejection);
            value = PropertyValue.Of(new MusicalKey(pc, m));
            return true;
        }
        return Fail(RejectionCodes.InvalidValue, $"key must be {{\"tonic\": \"A\", \"mode\": \"minor\"}}, got {Describe(json)}", out rejection);
    }

    static bool Number(JsonElement json, string name, double min, double max, out PropertyValue value, out Rejection? rejection)
    {
        value = default;
        rejection = null;
        if (json.ValueKind != JsonValueKind.Number || !json.TryGetDouble(out var x) || !double.IsFinite(x))
            return Fail(RejectionCodes.InvalidValue, $"{name} must be a number, got {Describe(json)}", out rejection);
        if (x < min || x > max) return Fail(RejectionCodes.OutOfRange, $"{name} must be from {min} to {max}, got {x}", out rejection);
        value = PropertyValue.Of(x);
        return true;
    }

    static bool Integer(JsonElement json, string name, int min, int max, out PropertyValue value, out Rejection? rejection)
    {
        value = default;
        rejection = null;
        if (json.ValueKind != JsonValueKind.Number || !json.TryGetDouble(out var x) || !double.IsFinite(x) || x != Math.Floor(x))
            return Fail(RejectionCodes.InvalidValue, $"{name} must be an integer, got {Describe(json)}", out rejection);
        if (x < min || x > max) return Fail(RejectionCodes.OutOfRange, $"{name} must be from {min} to {max}, got {x}", out rejection);
        value = PropertyValue.Of(x);
        return true;
    }

    static int CountFields(JsonElement json)
    {
        var count = 0;
        foreach (var _ in json.EnumerateObject()) count++;
        return count;
    }

    static bool Fail(string code, string message, out Rejection? rejection)
    {
        rejection = new Rejection(code, message);
        return false;
    }

    /// <summary>A short rendering of a JSON value for error messages.</summary>
    internal static string Describe(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => JsonText.TryString(json) is { } text ? $"\"{OperationTarget.Shorten(text)}\"" : "text with half of a surrogate pair",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Undefined => "nothing",
        _ => OperationTarget.Shorten(json.GetRawText()),
    };
}
