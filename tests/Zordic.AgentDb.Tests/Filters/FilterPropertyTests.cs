using System.Text.Json;
using CsCheck;
using Zordic.AgentDb.Filters;

namespace Zordic.AgentDb.Tests.Filters;

/// <summary>Compiled filters against the naive evaluator on generated documents and filters.</summary>
public sealed class FilterPropertyTests
{
    private static readonly Gen<string> Scalar = Gen.Frequency(
        (5, Gen.Int[-1, 1].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("1.5", "-0.5", "1.0")),
        (4, Gen.OneOf("\"x\"", "\"y\"")),
        (1, Gen.OneOf("true", "false", "null")));

    private static readonly Gen<string> ScalarArray = Scalar.Array[0, 3].Select(a => $"[{string.Join(",", a)}]");

    private static readonly Gen<string> SmallObject = Gen.Select(Scalar, Scalar, Gen.Bool, (a, b, both) => both ? $$"""{"a":{{a}},"b":{{b}}}""" : $$"""{"a":{{a}}}""");

    private static readonly Gen<string> Value = Gen.Frequency(
        (6, Scalar),
        (2, ScalarArray),
        (1, SmallObject),
        (1, SmallObject.Array[1, 2].Select(a => $"[{string.Join(",", a)}]")));

    private static readonly string[] Fields = ["a", "b", "c", "tags", "n"];

    private static readonly Gen<string> Document = Gen.Select(Gen.Int[0, 5].Select(i => i > 0).Array[Fields.Length], Value.Array[Fields.Length], (present, values) =>
        "{" + string.Join(",", Fields.Select((f, i) => present[i] ? $"\"{f}\":{values[i]}" : null).Where(s => s is not null)) + "}");

    private static readonly Gen<string> Path = Gen.Frequency((8, Gen.OneOf("a", "b", "c", "tags", "n", "n.a", "tags.0")), (1, Gen.OneOf("n.b", "tags.a", "zz")));

    private static readonly Gen<string> Comparable = Gen.Frequency(
        (2, Gen.Int[-1, 1].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("\"x\"", "\"y\"", "1.5")));

    private static readonly Gen<string> Operator = Gen.Frequency(
        (2, Value.Select(v => $$"""{"$eq":{{v}}}""")),
        (2, Value.Select(v => $$"""{"$ne":{{v}}}""")),
        (3, Gen.Select(Gen.OneOf("$gt", "$gte", "$lt", "$lte"), Comparable, (op, v) => $$"""{"{{op}}":{{v}}}""")),
        (2, Value.Array[0, 3].Select(v => $$"""{"$in":[{{string.Join(",", v)}}]}""")),
        (1, Value.Array[0, 3].Select(v => $$"""{"$nin":[{{string.Join(",", v)}}]}""")),
        (1, Gen.Bool.Select(b => $$"""{"$exists":{{(b ? "true" : "false")}}}""")),
        (1, Gen.Select(Gen.OneOf("$gt", "$lt"), Comparable, (op, v) => "{\"$not\":{\"" + op + "\":" + v + "}}")),
        (1, Gen.Select(Gen.OneOf("$gte", "$lt"), Comparable, Gen.OneOf("$lte", "$gt"), Comparable,
            (op1, v1, op2, v2) => $$"""{"{{op1}}":{{v1}},"{{op2}}":{{v2}}}""")));

    private static readonly Gen<string> Clause = Gen.Select(Path, Gen.Frequency((2, Value), (5, Operator)), (p, c) => $"\"{p}\":{c}");

    private static readonly Gen<string> Filter0 = Clause.Array[1, 2].Select(c => "{" + string.Join(",", c) + "}");

    private static readonly Gen<string> Filter1 = Compound(Filter0);

    private static readonly Gen<string> FilterGen = Compound(Filter1);

    private static Gen<string> Compound(Gen<string> inner) => Gen.Frequency(
        (3, Filter0),
        (1, inner.Array[1, 3].Select(f => $$"""{"$and":[{{string.Join(",", f)}}]}""")),
        (1, inner.Array[1, 3].Select(f => $$"""{"$or":[{{string.Join(",", f)}}]}""")),
        (1, inner.Select(f => $$"""{"$not":{{f}}}""")),
        (1, Gen.Select(Clause, inner, (c, f) => "{" + c + ",\"$or\":[" + f + "]}")));

    /// <summary>
    /// Draws <paramref name="count"/> cases from a fixed-seed generator, so every run checks the same cases
    /// (CsCheck's Sample re-seeds after its first iteration).
    /// </summary>
    private static IEnumerable<(string Filter, string[] Documents)> Cases(int count)
    {
        var gen = Gen.Select(FilterGen, Document.Array[16]);
        var random = new PCG(7, 20261127UL);
        for (var i = 0; i < count; i++)
        {
            yield return gen.Generate(random, null!, out _);
        }
    }

    [Fact]
    public void Compiled_filters_agree_with_the_naive_evaluator()
    {
        foreach (var (filter, documents) in Cases(600))
        {
            var compiled = Filter.Parse(filter);
            using var filterJson = JsonDocument.Parse(filter);
            foreach (var document in documents)
            {
                using var json = JsonDocument.Parse(document);
                var expected = NaiveFilter.Matches(filterJson.RootElement, json.RootElement);
                Assert.True(compiled.Matches(json.RootElement) == expected, $"filter {filter} on {document}: expected {expected}");
            }
        }
    }

    [Fact]
    public void Generated_filters_select_a_spread_of_documents()
    {
        // Guards the generator itself: a property test whose filters all match everything or nothing tests little.
        var all = 0;
        var none = 0;
        var some = 0;
        foreach (var (filter, documents) in Cases(300))
        {
            var compiled = Filter.Parse(filter);
            var matched = documents.Count(d =>
            {
                using var json = JsonDocument.Parse(d);
                return compiled.Matches(json.RootElement);
            });
            if (matched == 0)
            {
                none++;
            }
            else if (matched == documents.Length)
            {
                all++;
            }
            else
            {
                some++;
            }
        }

        Assert.True(some > 75, $"only {some} of 300 filters split the documents (all {all}, none {none})");
    }
}
