using System.Text.Json;

namespace Zordic.AgentDb.Tests.Filters;

/// <summary>
/// A deliberately simple reference evaluator of the filter language: it walks the filter JSON for every
/// document. The compiled filters must agree with it on every generated case.
/// </summary>
internal static class NaiveFilter
{
    public static bool Matches(JsonElement filter, JsonElement document)
    {
        foreach (var clause in filter.EnumerateObject())
        {
            var ok = clause.Name switch
            {
                "$and" => clause.Value.EnumerateArray().All(f => Matches(f, document)),
                "$or" => clause.Value.EnumerateArray().Any(f => Matches(f, document)),
                "$not" => !Matches(clause.Value, document),
                _ => Field(Resolve(document, clause.Name.Split('.')), clause.Value),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static List<JsonElement> Resolve(JsonElement document, string[] path)
    {
        var current = new List<JsonElement> { document };
        for (var depth = 0; depth < path.Length; depth++)
        {
            var next = new List<JsonElement>();
            foreach (var value in current)
            {
                if (value.ValueKind == JsonValueKind.Object)
                {
                    if (value.TryGetProperty(path[depth], out var child))
                    {
                        next.Add(child);
                    }
                }
                else if (value.ValueKind == JsonValueKind.Array && depth > 0)
                {
                    if (int.TryParse(path[depth], out var index) && index >= 0 && index < value.GetArrayLength() && path[depth].All(char.IsAsciiDigit))
                    {
                        next.Add(value[index]);
                    }

                    foreach (var item in value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(path[depth], out var child))
                        {
                            next.Add(child);
                        }
                    }
                }
            }

            current = next;
        }

        return current;
    }

    private static bool Field(List<JsonElement> values, JsonElement condition)
    {
        var isOperators = condition.ValueKind == JsonValueKind.Object && condition.EnumerateObject().Any(p => p.Name.StartsWith('$'));
        if (!isOperators)
        {
            return AnyLeaf(values, v => DeepEquals(v, condition));
        }

        foreach (var op in condition.EnumerateObject())
        {
            var operand = op.Value;
            var ok = op.Name switch
            {
                "$eq" => AnyLeaf(values, v => DeepEquals(v, operand)),
                "$ne" => !AnyLeaf(values, v => DeepEquals(v, operand)),
                "$gt" => AnyLeaf(values, v => Compare(v, operand) is > 0),
                "$gte" => AnyLeaf(values, v => Compare(v, operand) is >= 0),
                "$lt" => AnyLeaf(values, v => Compare(v, operand) is < 0),
                "$lte" => AnyLeaf(values, v => Compare(v, operand) is <= 0),
                "$in" => AnyLeaf(values, v => operand.EnumerateArray().Any(o => DeepEquals(v, o))),
                "$nin" => !AnyLeaf(values, v => operand.EnumerateArray().Any(o => DeepEquals(v, o))),
                "$exists" => (values.Count > 0) == operand.GetBoolean(),
                "$not" => !Field(values, operand),
                _ => throw new InvalidOperationException(op.Name),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyLeaf(List<JsonElement> values, Func<JsonElement, bool> test) =>
        values.Any(v => test(v) || (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().Any(test)));

    private static int? Compare(JsonElement value, JsonElement bound)
    {
        if (value.ValueKind == JsonValueKind.Number && bound.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble().CompareTo(bound.GetDouble());
        }

        if (value.ValueKind == JsonValueKind.String && bound.ValueKind == JsonValueKind.String)
        {
            return Math.Sign(string.CompareOrdinal(value.GetString(), bound.GetString()));
        }

        return null;
    }

    private static bool DeepEquals(JsonElement x, JsonElement y)
    {
        if (x.ValueKind != y.ValueKind)
        {
            return false;
        }

        return x.ValueKind switch
        {
            JsonValueKind.Number => x.GetDouble() == y.GetDouble(),
            JsonValueKind.String => x.GetString() == y.GetString(),
            JsonValueKind.Array => x.GetArrayLength() == y.GetArrayLength() && x.EnumerateArray().Zip(y.EnumerateArray()).All(p => DeepEquals(p.First, p.Second)),
            JsonValueKind.Object => x.EnumerateObject().Count() == y.EnumerateObject().Count()
                && x.EnumerateObject().Zip(y.EnumerateObject()).All(p => p.First.Name == p.Second.Name && DeepEquals(p.First.Value, p.Second.Value)),
            _ => true,
        };
    }
}
