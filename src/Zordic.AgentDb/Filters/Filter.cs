using System.Text.Json;

namespace Zordic.AgentDb.Filters;

/// <summary>
/// A compiled metadata filter (the seed's JSON filter language). Build it once with <see cref="Parse"/> and
/// reuse it: matching never re-reads the JSON. A malformed filter throws <see cref="FilterException"/>.
/// </summary>
public sealed class Filter
{
    private Filter(FilterNode root, string source)
    {
        Root = root;
        Source = source;
        RequiredId = FindRequiredId(root);
    }

    /// <summary>The filter that matches every document.</summary>
    public static Filter All { get; } = new(MatchAllNode.Instance, "{}");

    /// <summary>The JSON the filter was compiled from.</summary>
    public string Source { get; }

    internal FilterNode Root { get; }

    /// <summary>Set when the filter can only match the document with this id (enables a direct lookup).</summary>
    internal string? RequiredId { get; }

    internal bool MatchesAll => ReferenceEquals(Root, MatchAllNode.Instance);

    /// <summary>Compiles a filter from JSON text, e.g. <c>{"key": "C", "rating": {"$gte": 3.5}}</c>.</summary>
    public static Filter Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FilterException($"filter is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            return From(document.RootElement);
        }
    }

    /// <summary>Compiles a filter from a JSON element.</summary>
    public static Filter From(JsonElement json) => new(FilterCompiler.Compile(json), json.GetRawText());

    /// <summary>Compiles a filter from an object serialised with System.Text.Json (e.g. an anonymous object).</summary>
    public static Filter FromObject(object filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return From(JsonSerializer.SerializeToElement(filter));
    }

    /// <summary>Whether a metadata document (given as JSON) matches; handy for tests and tools.</summary>
    public bool Matches(JsonElement metadata) => Root.Matches(MetaObject.From(metadata));

    internal bool Matches(MetaObject metadata) => Root.Matches(metadata);

    /// <inheritdoc />
    public override string ToString() => Source;

    private static string? FindRequiredId(FilterNode root)
    {
        if (root is FieldNode { Path: ["id"], Test: EqualsTest { Target.Kind: MetaKind.String } eq })
        {
            return eq.Target.String;
        }

        if (root is AndNode and)
        {
            foreach (var child in and.Children)
            {
                var id = FindRequiredId(child);
                if (id is not null)
                {
                    return id;
                }
            }
        }

        return null;
    }
}
