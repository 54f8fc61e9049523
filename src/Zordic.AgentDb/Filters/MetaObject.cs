using System.Text.Json;

namespace Zordic.AgentDb.Filters;

/// <summary>
/// A metadata object: field names and values in document order. Metadata objects are small, so a linear
/// lookup beats hashing and keeps each document to two arrays.
/// </summary>
internal sealed class MetaObject
{
    private readonly string[] _names;
    private readonly MetaValue[] _values;

    public MetaObject(string[] names, MetaValue[] values)
    {
        _names = names;
        _values = values;
    }

    public static MetaObject Empty { get; } = new([], []);

    public int Count => _names.Length;

    public string NameAt(int i) => _names[i];

    public MetaValue ValueAt(int i) => _values[i];

    public static MetaObject From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new AgentDbException($"metadata must be a JSON object, not {element.ValueKind}");
        }

        var names = new List<string>();
        var values = new List<MetaValue>();
        foreach (var property in element.EnumerateObject())
        {
            var existing = names.IndexOf(property.Name);
            if (existing >= 0)
            {
                // JSON allows duplicate keys; the last one wins, as in JavaScript.
                values[existing] = MetaValue.From(property.Value);
                continue;
            }

            names.Add(property.Name);
            values.Add(MetaValue.From(property.Value));
        }

        return new MetaObject([.. names], [.. values]);
    }

    /// <summary>The value of a field, or <see cref="MetaValue.Missing"/>.</summary>
    public MetaValue Get(string name)
    {
        var names = _names;
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return _values[i];
            }
        }

        return MetaValue.Missing;
    }

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/> (added last when new).</summary>
    public MetaObject With(string name, MetaValue value)
    {
        var index = Array.IndexOf(_names, name);
        if (index >= 0)
        {
            var values = (MetaValue[])_values.Clone();
            values[index] = value;
            return new MetaObject(_names, values);
        }

        return new MetaObject([.. _names, name], [.. _values, value]);
    }

    public bool DeepEquals(MetaObject other)
    {
        if (_names.Length != other._names.Length)
        {
            return false;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (!string.Equals(_names[i], other._names[i], StringComparison.Ordinal) || !_values[i].DeepEquals(other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static int Compare(MetaObject x, MetaObject y)
    {
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var c = string.CompareOrdinal(x._names[i], y._names[i]);
            if (c != 0)
            {
                return c;
            }

            c = MetaValue.Compare(x._values[i], y._values[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        for (var i = 0; i < _names.Length; i++)
        {
            writer.WritePropertyName(_names[i]);
            _values[i].WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    public JsonElement ToJsonElement()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
