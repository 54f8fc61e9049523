using System.Text.Json;

namespace Zordic.AgentDb.Filters;

/// <summary>JSON value kinds, in the order documents sort by (MongoDB's order, booleans last).</summary>
internal enum MetaKind : byte { Missing, Null, Number, String, Object, Array, False, True }

/// <summary>
/// A metadata value in a compact, immutable form that compiled filters read without parsing or allocating:
/// numbers are doubles, strings are strings, containers hold arrays of values.
/// </summary>
internal readonly struct MetaValue
{
    private readonly object? _ref;

    private MetaValue(MetaKind kind, double number, object? reference)
    {
        Kind = kind;
        Number = number;
        _ref = reference;
    }

    public MetaKind Kind { get; }

    public double Number { get; }

    public string String => (string)_ref!;

    public MetaValue[] Array => (MetaValue[])_ref!;

    public MetaObject Object => (MetaObject)_ref!;

    public static MetaValue Missing => default;

    public static MetaValue Null { get; } = new(MetaKind.Null, 0, null);

    public static MetaValue Of(double number) => new(MetaKind.Number, number, null);

    public static MetaValue Of(string text) => new(MetaKind.String, 0, text);

    public static MetaValue Of(bool value) => new(value ? MetaKind.True : MetaKind.False, 0, null);

    public static MetaValue Of(MetaValue[] items) => new(MetaKind.Array, 0, items);

    public static MetaValue Of(MetaObject obj) => new(MetaKind.Object, 0, obj);

    public bool IsBoolean => Kind is MetaKind.True or MetaKind.False;

    public static MetaValue From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => Null,
        JsonValueKind.True => Of(true),
        JsonValueKind.False => Of(false),
        JsonValueKind.Number => Of(element.GetDouble()),
        JsonValueKind.String => Of(element.GetString()!),
        JsonValueKind.Array => Of(element.EnumerateArray().Select(From).ToArray()),
        JsonValueKind.Object => Of(MetaObject.From(element)),
        _ => throw new AgentDbException($"unsupported JSON value kind {element.ValueKind}"),
    };

    /// <summary>Structural equality: numbers by value, strings ordinally, objects field by field in order.</summary>
    public bool DeepEquals(in MetaValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        switch (Kind)
        {
            case MetaKind.Number:
                return Number == other.Number;
            case MetaKind.String:
                return string.Equals(String, other.String, StringComparison.Ordinal);
            case MetaKind.Array:
                var a = Array;
                var b = other.Array;
                if (a.Length != b.Length)
                {
                    return false;
                }

                for (var i = 0; i < a.Length; i++)
                {
                    if (!a[i].DeepEquals(b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case MetaKind.Object:
                return Object.DeepEquals(other.Object);
            default:
                return true;
        }
    }

    /// <summary>Total order used by <c>Find</c>'s sort: kind first, then value.</summary>
    public static int Compare(in MetaValue x, in MetaValue y)
    {
        if (x.Kind != y.Kind)
        {
            // Booleans are one kind for ordering purposes: false < true falls out of the enum order.
            return ((byte)x.Kind).CompareTo((byte)y.Kind);
        }

        switch (x.Kind)
        {
            case MetaKind.Number:
                return x.Number.CompareTo(y.Number);
            case MetaKind.String:
                return string.CompareOrdinal(x.String, y.String);
            case MetaKind.Array:
                var a = x.Array;
                var b = y.Array;
                for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
                {
                    var c = Compare(a[i], b[i]);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                return a.Length.CompareTo(b.Length);
            case MetaKind.Object:
                return MetaObject.Compare(x.Object, y.Object);
            default:
                return 0;
        }
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case MetaKind.Null:
            case MetaKind.Missing:
                writer.WriteNullValue();
                break;
            case MetaKind.True:
                writer.WriteBooleanValue(true);
                break;
            case MetaKind.False:
                writer.WriteBooleanValue(false);
                break;
            case MetaKind.Number:
                writer.WriteNumberValue(Number);
                break;
            case MetaKind.String:
                writer.WriteStringValue(String);
                break;
            case MetaKind.Array:
                writer.WriteStartArray();
                foreach (var item in Array)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
            case MetaKind.Object:
                Object.WriteTo(writer);
                break;
        }
    }
}
