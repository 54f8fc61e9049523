using System.Text.Json;
using Zordic.AgentDb.Filters;

namespace Zordic.AgentDb.Tests.Filters;

public sealed class FilterSemanticsTests
{
    private const string Beat = """
        {"id": "b1", "key": "C", "bpm": 90, "rating": 4.5, "is_public": true, "genre": ["lofi", "jazz"],
         "duration_bars": 4, "author": {"name": "ada", "followers": 12}, "notes": [{"pitch": 60}, {"pitch": 64}],
         "nothing": null, "created_at": 1700000000000}
        """;

    public static TheoryData<string, bool> Cases => new()
    {
        { "{}", true },
        { """{"key": "C"}""", true },
        { """{"key": "D"}""", false },
        { """{"key": "C", "duration_bars": 4}""", true },
        { """{"key": "C", "duration_bars": 8}""", false },
        { """{"genre": "lofi"}""", true },
        { """{"genre": "rock"}""", false },
        { """{"genre": ["lofi", "jazz"]}""", true },
        { """{"genre": ["jazz", "lofi"]}""", false },
        { """{"bpm": {"$eq": 90}}""", true },
        { """{"bpm": 90.0}""", true },
        { """{"bpm": {"$ne": 90}}""", false },
        { """{"bpm": {"$ne": 91}}""", true },
        { """{"missing": {"$ne": 1}}""", true },
        { """{"genre": {"$ne": "lofi"}}""", false },
        { """{"rating": {"$gte": 3.5}}""", true },
        { """{"rating": {"$gt": 4.5}}""", false },
        { """{"rating": {"$gte": 4.5, "$lt": 5}}""", true },
        { """{"rating": {"$lte": 4}}""", false },
        { """{"key": {"$gt": "B"}}""", true },
        { """{"key": {"$lt": "B"}}""", false },
        { """{"bpm": {"$gt": "A"}}""", false },
        { """{"key": {"$gt": 1}}""", false },
        { """{"genre": {"$gt": "k"}}""", true },
        { """{"bpm": {"$in": [80, 90]}}""", true },
        { """{"bpm": {"$in": []}}""", false },
        { """{"genre": {"$in": ["rock", "jazz"]}}""", true },
        { """{"genre": {"$nin": ["rock", "jazz"]}}""", false },
        { """{"bpm": {"$nin": [80, 100]}}""", true },
        { """{"nothing": {"$exists": true}}""", true },
        { """{"nothing": null}""", true },
        { """{"missing": null}""", false },
        { """{"missing": {"$exists": false}}""", true },
        { """{"author.name": "ada"}""", true },
        { """{"author.followers": {"$gt": 10}}""", true },
        { """{"author.email": {"$exists": true}}""", false },
        { """{"author": {"name": "ada", "followers": 12}}""", true },
        { """{"author": {"followers": 12, "name": "ada"}}""", false },
        { """{"notes.pitch": 64}""", true },
        { """{"notes.pitch": {"$gt": 70}}""", false },
        { """{"notes.1.pitch": 64}""", true },
        { """{"notes.0.pitch": 64}""", false },
        { """{"genre.0": "lofi"}""", true },
        { """{"id": "b1"}""", true },
        { """{"is_public": true, "rating": {"$gte": 3.5}}""", true },
        { """{"created_at": {"$gte": 1690000000000}}""", true },
        { """{"$or": [{"key": "D"}, {"bpm": 90}]}""", true },
        { """{"$or": [{"key": "D"}, {"bpm": 91}]}""", false },
        { """{"$and": [{"key": "C"}, {"bpm": {"$lt": 100}}]}""", true },
        { """{"$not": {"key": "C"}}""", false },
        { """{"rating": {"$not": {"$gt": 5}}}""", true },
        { """{"missing": {"$not": {"$gt": 5}}}""", true },
        { """{"$and": [{"$or": [{"key": "C"}, {"key": "G"}]}, {"$not": {"genre": "rock"}}]}""", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiled_filter_matches_as_specified(string filter, bool expected)
    {
        using var document = JsonDocument.Parse(Beat);
        Assert.Equal(expected, Filter.Parse(filter).Matches(document.RootElement));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reference_evaluator_agrees_with_the_table(string filter, bool expected)
    {
        using var document = JsonDocument.Parse(Beat);
        using var json = JsonDocument.Parse(filter);
        Assert.Equal(expected, NaiveFilter.Matches(json.RootElement, document.RootElement));
    }

    [Theory]
    [InlineData("""{"bpm": {"$regex": "9"}}""", "unknown operator '$regex'")]
    [InlineData("""{"$nor": [{"a": 1}]}""", "unknown top-level operator '$nor'")]
    [InlineData("""{"bpm": {"$gt": true}}""", "expects a number or a string")]
    [InlineData("""{"bpm": {"$gt": [1]}}""", "expects a number or a string")]
    [InlineData("""{"bpm": {"$lte": null}}""", "expects a number or a string")]
    [InlineData("""{"bpm": {"$in": 90}}""", "expects an array of values")]
    [InlineData("""{"bpm": {"$nin": "x"}}""", "expects an array of values")]
    [InlineData("""{"bpm": {"$exists": 1}}""", "expects true or false")]
    [InlineData("""{"$and": []}""", "non-empty array")]
    [InlineData("""{"$or": {"a": 1}}""", "non-empty array")]
    [InlineData("""{"$not": [1]}""", "must be a JSON object")]
    [InlineData("""{"bpm": {"$not": 3}}""", "expects an object of operators")]
    [InlineData("""{"bpm": {"$gt": 1, "x": 2}}""", "mixes operators and field names")]
    [InlineData("""{"a..b": 1}""", "empty segment")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{"bpm": """, "not valid JSON")]
    public void Malformed_filters_are_clear_errors(string filter, string message)
    {
        var error = Assert.Throws<FilterException>(() => Filter.Parse(filter));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_equality_is_recognised_for_direct_lookup()
    {
        Assert.Equal("xyz", Filter.Parse("""{"id": "xyz"}""").RequiredId);
        Assert.Equal("xyz", Filter.Parse("""{"key": "C", "id": "xyz"}""").RequiredId);
        Assert.Null(Filter.Parse("""{"$or": [{"id": "xyz"}, {"id": "abc"}]}""").RequiredId);
        Assert.Null(Filter.Parse("""{"id": {"$ne": "xyz"}}""").RequiredId);
    }

    [Fact]
    public void Sort_order_parses_and_rejects_bad_directions()
    {
        Assert.Single(SortOrder.Parse("""{"usage_count": -1}""").Keys);
        Assert.Throws<FilterException>(() => SortOrder.Parse("""{"usage_count": 2}"""));
        Assert.Throws<FilterException>(() => SortOrder.Parse("""{}"""));
    }
}
