namespace Zordic.AgentDb.Filters;

/// <summary>
/// A compiled filter bound to one collection's columns, evaluated by row slot. Each top-level field is kept
/// as a contiguous column of values, so a filter scan reads one array per field instead of chasing every
/// document's object graph (several times faster, docs/experiments/agentdb.md).
/// </summary>
internal abstract class RowPredicate
{
    public abstract bool Matches(int slot);

    /// <summary>Binds <paramref name="node"/> to the columns; <paramref name="column"/> returns null for a field no row has.</summary>
    public static RowPredicate Bind(FilterNode node, Func<string, MetaValue[]?> column) => node switch
    {
        MatchAllNode => RowAll.Instance,
        AndNode and => new RowAnd([.. and.Children.Select(c => Bind(c, column))]),
        OrNode or => new RowOr([.. or.Children.Select(c => Bind(c, column))]),
        NotNode not => new RowNot(Bind(not.Child, column)),
        FieldNode field => new RowField(column(field.Path[0]), field),
        _ => throw new InvalidOperationException($"unknown filter node {node.GetType().Name}"),
    };

    private sealed class RowAll : RowPredicate
    {
        public static RowAll Instance { get; } = new();

        public override bool Matches(int slot) => true;
    }

    private sealed class RowAnd(RowPredicate[] children) : RowPredicate
    {
        public override bool Matches(int slot)
        {
            foreach (var child in children)
            {
                if (!child.Matches(slot))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class RowOr(RowPredicate[] children) : RowPredicate
    {
        public override bool Matches(int slot)
        {
            foreach (var child in children)
            {
                if (child.Matches(slot))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class RowNot(RowPredicate child) : RowPredicate
    {
        public override bool Matches(int slot) => !child.Matches(slot);
    }

    private sealed class RowField(MetaValue[]? column, FieldNode field) : RowPredicate
    {
        public override bool Matches(int slot)
        {
            if (column is null)
            {
                return false;
            }

            var value = column[slot];
            return value.Kind != MetaKind.Missing && field.MatchesFrom(value);
        }
    }
}
