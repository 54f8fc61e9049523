namespace Zordic.AgentDb.Filters;

/// <summary>A test of one value reached by a field path.</summary>
internal abstract class ValueTest
{
    public abstract bool Test(in MetaValue value);
}

/// <summary>Passes for any value: a path that reaches something exists.</summary>
internal sealed class ExistsTest : ValueTest
{
    public static ExistsTest Instance { get; } = new();

    public override bool Test(in MetaValue value) => true;
}

internal sealed class EqualsTest(MetaValue target) : ValueTest
{
    public MetaValue Target { get; } = target;

    public override bool Test(in MetaValue value) => value.DeepEquals(Target);
}

internal sealed class InTest(MetaValue[] targets) : ValueTest
{
    public override bool Test(in MetaValue value)
    {
        foreach (var target in targets)
        {
            if (value.DeepEquals(target))
            {
                return true;
            }
        }

        return false;
    }
}

internal enum RangeOperator { Greater, GreaterOrEqual, Less, LessOrEqual }

/// <summary>Ordered comparison; only numbers compare with numbers and strings with strings (ordinal).</summary>
internal sealed class RangeTest(RangeOperator op, MetaValue bound) : ValueTest
{
    public override bool Test(in MetaValue value)
    {
        int c;
        if (bound.Kind == MetaKind.Number)
        {
            if (value.Kind != MetaKind.Number)
            {
                return false;
            }

            c = value.Number.CompareTo(bound.Number);
        }
        else
        {
            if (value.Kind != MetaKind.String)
            {
                return false;
            }

            c = string.CompareOrdinal(value.String, bound.String);
        }

        return op switch
        {
            RangeOperator.Greater => c > 0,
            RangeOperator.GreaterOrEqual => c >= 0,
            RangeOperator.Less => c < 0,
            _ => c <= 0,
        };
    }
}
