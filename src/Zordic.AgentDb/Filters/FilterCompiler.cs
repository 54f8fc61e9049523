using System.Text.Json;

namespace Zordic.AgentDb.Filters;

/// <summary>
/// Compiles the JSON filter language into a tree of predicates once, so matching a row never looks at JSON.
/// Grammar: <c>{ field: value }</c> (equality), <c>{ field: { $op: operand, ... } }</c> with
/// <c>$eq $ne $gt $gte $lt $lte $in $nin $exists $not</c>, and <c>$and</c>/<c>$or</c> (arrays of filters) and
/// <c>$not</c> (a filter) at any level. Several fields in one object are AND-ed.
/// </summary>
internal static class FilterCompiler
{
    public static FilterNode Compile(JsonElement filter) => CompileObject(filter, "$");

    internal static bool TryParseIndex(string segment, out int index)
    {
        index = 0;
        if (segment.Length is 0 or > 9)
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            index = (index * 10) + (c - '0');
        }

        return true;
    }

    private static FilterNode CompileObject(JsonElement filter, string where)
    {
        if (filter.ValueKind != JsonValueKind.Object)
        {
            throw new FilterException($"{where}: a filter must be a JSON object, not {Describe(filter)}");
        }

        var clauses = new List<FilterNode>();
        foreach (var property in filter.EnumerateObject())
        {
            var at = $"{where}.{property.Name}";
            switch (property.Name)
            {
                case "$and":
                    clauses.Add(new AndNode(CompileList(property.Value, at)));
                    break;
                case "$or":
                    clauses.Add(new OrNode(CompileList(property.Value, at)));
                    break;
                case "$not":
                    clauses.Add(new NotNode(CompileObject(property.Value, at)));
                    break;
                default:
                    if (property.Name.StartsWith('$'))
                    {
                        throw new FilterException($"{at}: unknown top-level operator '{property.Name}' (expected $and, $or, $not or a field name)");
                    }

                    clauses.Add(CompileField(ParsePath(property.Name, at), property.Value, at));
                    break;
            }
        }

        return clauses.Count switch
        {
            0 => MatchAllNode.Instance,
            1 => clauses[0],
            _ => new AndNode([.. clauses]),
        };
    }

    private static FilterNode[] CompileList(JsonElement list, string where)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new FilterException($"{where}: expects a non-empty array of filters, not {Describe(list)}");
        }

        var nodes = new List<FilterNode>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            nodes.Add(CompileObject(item, $"{where}[{i++}]"));
        }

        return [.. nodes];
    }

    private static string[] ParsePath(string name, string where)
    {
        var segments = name.Split('.');
        if (segments.Any(s => s.Length == 0))
        {
            throw new FilterException($"{where}: field path '{name}' has an empty segment");
        }

        return segments;
    }

    private static FilterNode CompileField(string[] path, JsonElement condition, string where)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            return new FieldNode(path, new EqualsTest(MetaValue.From(condition)));
        }

        var operators = 0;
        var fields = 0;
        foreach (var property in condition.EnumerateObject())
        {
            if (property.Name.StartsWith('$'))
            {
                operators++;
            }
            else
            {
                fields++;
            }
        }

        if (operators == 0)
        {
            // An object literal: equality with the whole sub-document.
            return new FieldNode(path, new EqualsTest(MetaValue.From(condition)));
        }

        if (fields > 0)
        {
            throw new FilterException($"{where}: mixes operators and field names; use either {{\"$op\": ...}} or a literal object");
        }

        return CompileOperators(path, condition, where);
    }

    private static FilterNode CompileOperators(string[] path, JsonElement operators, string where)
    {
        var clauses = new List<FilterNode>();
        foreach (var property in operators.EnumerateObject())
        {
            var at = $"{where}.{property.Name}";
            var operand = property.Value;
            clauses.Add(property.Name switch
            {
                "$eq" => new FieldNode(path, new EqualsTest(MetaValue.From(operand))),
                "$ne" => new NotNode(new FieldNode(path, new EqualsTest(MetaValue.From(operand)))),
                "$gt" => new FieldNode(path, new RangeTest(RangeOperator.Greater, Comparable(operand, at))),
                "$gte" => new FieldNode(path, new RangeTest(RangeOperator.GreaterOrEqual, Comparable(operand, at))),
                "$lt" => new FieldNode(path, new RangeTest(RangeOperator.Less, Comparable(operand, at))),
                "$lte" => new FieldNode(path, new RangeTest(RangeOperator.LessOrEqual, Comparable(operand, at))),
                "$in" => new FieldNode(path, new InTest(ValueList(operand, at))),
                "$nin" => new NotNode(new FieldNode(path, new InTest(ValueList(operand, at)))),
                "$exists" => Exists(path, operand, at),
                "$not" => new NotNode(NotOperand(path, operand, at)),
                _ => throw new FilterException($"{at}: unknown operator '{property.Name}' (expected $eq $ne $gt $gte $lt $lte $in $nin $exists $not)"),
            });
        }

        return clauses.Count == 1 ? clauses[0] : new AndNode([.. clauses]);
    }

    private static FilterNode NotOperand(string[] path, JsonElement operand, string where)
    {
        if (operand.ValueKind != JsonValueKind.Object || !operand.EnumerateObject().Any())
        {
            throw new FilterException($"{where}: expects an object of operators such as {{\"$gt\": 3}}, not {Describe(operand)}");
        }

        if (operand.EnumerateObject().Any(p => !p.Name.StartsWith('$')))
        {
            throw new FilterException($"{where}: expects only operators inside $not");
        }

        return CompileOperators(path, operand, where);
    }

    private static FilterNode Exists(string[] path, JsonElement operand, string where)
    {
        if (operand.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new FilterException($"{where}: expects true or false, not {Describe(operand)}");
        }

        var exists = new FieldNode(path, ExistsTest.Instance);
        return operand.ValueKind == JsonValueKind.True ? exists : new NotNode(exists);
    }

    private static MetaValue Comparable(JsonElement operand, string where)
    {
        if (operand.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
        {
            throw new FilterException($"{where}: expects a number or a string, not {Describe(operand)}");
        }

        return MetaValue.From(operand);
    }

    private static MetaValue[] ValueList(JsonElement operand, string where)
    {
        if (operand.ValueKind != JsonValueKind.Array)
        {
            throw new FilterException($"{where}: expects an array of values, not {Describe(operand)}");
        }

        return [.. operand.EnumerateArray().Select(MetaValue.From)];
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {element.GetRawText()}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };
}
