namespace Zordic.AgentDb.Filters;

/// <summary>A node of a compiled filter: a predicate over a document's metadata.</summary>
internal abstract class FilterNode
{
    public abstract bool Matches(MetaObject document);
}

internal sealed class MatchAllNode : FilterNode
{
    public static MatchAllNode Instance { get; } = new();

    public override bool Matches(MetaObject document) => true;
}

internal sealed class AndNode(FilterNode[] children) : FilterNode
{
    public FilterNode[] Children { get; } = children;

    public override bool Matches(MetaObject document)
    {
        foreach (var child in Children)
        {
            if (!child.Matches(document))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class OrNode(FilterNode[] children) : FilterNode
{
    public FilterNode[] Children { get; } = children;

    public override bool Matches(MetaObject document)
    {
        foreach (var child in Children)
        {
            if (child.Matches(document))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class NotNode(FilterNode child) : FilterNode
{
    public FilterNode Child { get; } = child;

    public override bool Matches(MetaObject document) => !Child.Matches(document);
}

/// <summary>
/// True when some value the path reaches passes the test. Arrays are matched element-wise ("any element"),
/// and arrays met half-way down a dotted path fan out over their object elements (or are indexed by a
/// numeric segment), as in MongoDB.
/// </summary>
internal sealed class FieldNode(string[] path, ValueTest test) : FilterNode
{
    public string[] Path { get; } = path;

    public ValueTest Test { get; } = test;

    public override bool Matches(MetaObject document)
    {
        var first = document.Get(Path[0]);
        return first.Kind != MetaKind.Missing && Any(first, 1);
    }

    /// <summary>Matches given the value of the path's first segment (read from a column).</summary>
    public bool MatchesFrom(in MetaValue first) => Any(first, 1);

    private bool Any(in MetaValue value, int depth)
    {
        if (depth == Path.Length)
        {
            if (Test.Test(value))
            {
                return true;
            }

            if (value.Kind == MetaKind.Array)
            {
                foreach (var item in value.Array)
                {
                    if (Test.Test(item))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        var segment = Path[depth];
        if (value.Kind == MetaKind.Object)
        {
            var child = value.Object.Get(segment);
            return child.Kind != MetaKind.Missing && Any(child, depth + 1);
        }

        if (value.Kind == MetaKind.Array)
        {
            var items = value.Array;
            if (FilterCompiler.TryParseIndex(segment, out var index) && index < items.Length && Any(items[index], depth + 1))
            {
                return true;
            }

            foreach (var item in items)
            {
                if (item.Kind == MetaKind.Object)
                {
                    var child = item.Object.Get(segment);
                    if (child.Kind != MetaKind.Missing && Any(child, depth + 1))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
