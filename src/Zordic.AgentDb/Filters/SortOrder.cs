using System.Text.Json;

namespace Zordic.AgentDb.Filters;

/// <summary>Sort keys for <c>Find</c>: <c>{"usage_count": -1, "name": 1}</c> (1 ascending, -1 descending).</summary>
public sealed class SortOrder
{
    private SortOrder(IReadOnlyList<(string[] Path, bool Descending)> keys) => Keys = keys;

    internal IReadOnlyList<(string[] Path, bool Descending)> Keys { get; }

    /// <summary>One sort key.</summary>
    public static SortOrder By(string field, bool descending = false) => new([(Split(field), descending)]);

    /// <summary>Parses <c>{"field": 1 | -1, ...}</c>; anything else throws <see cref="FilterException"/>.</summary>
    public static SortOrder Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FilterException("sort must be an object such as {\"usage_count\": -1}");
            }

            var keys = new List<(string[], bool)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var direction = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var d) ? d : 0;
                if (direction is not (1 or -1))
                {
                    throw new FilterException($"sort direction for '{property.Name}' must be 1 or -1");
                }

                keys.Add((Split(property.Name), direction == -1));
            }

            if (keys.Count == 0)
            {
                throw new FilterException("sort needs at least one field");
            }

            return new SortOrder(keys);
        }
        catch (JsonException e)
        {
            throw new FilterException($"sort is not valid JSON: {e.Message}", e);
        }
    }

    private static string[] Split(string field)
    {
        var path = field.Split('.');
        if (path.Any(p => p.Length == 0))
        {
            throw new FilterException($"sort field '{field}' has an empty segment");
        }

        return path;
    }

    /// <summary>Compares two documents by the keys; missing fields sort first.</summary>
    internal int Compare(MetaObject x, MetaObject y)
    {
        foreach (var (path, descending) in Keys)
        {
            var c = MetaValue.Compare(Resolve(x, path), Resolve(y, path));
            if (c != 0)
            {
                return descending ? -c : c;
            }
        }

        return 0;
    }

    private static MetaValue Resolve(MetaObject document, string[] path)
    {
        var value = document.Get(path[0]);
        for (var i = 1; i < path.Length && value.Kind != MetaKind.Missing; i++)
        {
            value = value.Kind == MetaKind.Object ? value.Object.Get(path[i]) : MetaValue.Missing;
        }

        return value;
    }
}
