namespace Zordic.AgentDb.Index;

/// <summary>How one search is executed.</summary>
public enum SearchStrategy
{
    /// <summary>Nothing can match.</summary>
    Empty,

    /// <summary>SIMD scan of every live row (or every row the filter matched): exact.</summary>
    ExactScan,

    /// <summary>HNSW walk at the calibrated breadth, plus an exact scan of rows not yet in the graph.</summary>
    Graph,

    /// <summary>HNSW walk that only admits matching rows, widened by 1/selectivity; falls back to a scan if short.</summary>
    FilteredGraph,
}

/// <summary>The planner's decision with the numbers it was based on (see <c>AgentCollection.ExplainSearch</c>).</summary>
/// <param name="Strategy">What runs.</param>
/// <param name="Candidates">Rows that can match (all live rows, or those the filter matched).</param>
/// <param name="Live">Live rows in the collection.</param>
/// <param name="Breadth">Graph candidates explored (0 for scans).</param>
public sealed record SearchPlan(SearchStrategy Strategy, int Candidates, int Live, int Breadth)
{
    // Formatting the reason costs more than planning; searches never read it, so it is built on demand.
    internal Func<string>? Explanation { get; init; }

    /// <summary>Why, in words.</summary>
    public string Reason => Explanation?.Invoke() ?? "";
}

/// <summary>
/// Chooses between exact scan and graph. A scan costs rows × dimension; a graph walk costs about
/// breadth × links × dimension, divided by the filter's selectivity because most visited nodes are rejected.
/// The planner scans whenever that is not clearly slower, since a scan is exact and returns every match.
/// </summary>
internal static class SearchPlanner
{
    /// <summary>Below this selectivity a filtered graph walk wanders too far; the matching rows are scanned.</summary>
    public const double MinGraphSelectivity = 0.2;

    /// <summary>Largest breadth a widened filtered walk may use.</summary>
    public const int MaxBreadth = 4096;

    public static SearchPlan Plan(int live, int candidates, bool filtered, int limit, int dimension, int indexed, GraphTuning tuning, long exactScanWork)
    {
        if (candidates == 0)
        {
            return new SearchPlan(SearchStrategy.Empty, 0, live, 0) { Explanation = () => "no row matches the filter" };
        }

        var scanWork = (long)candidates * dimension;
        if (scanWork <= exactScanWork || candidates <= limit)
        {
            return new SearchPlan(SearchStrategy.ExactScan, candidates, live, 0) { Explanation = () => $"scan of {candidates} rows is small (≤ {exactScanWork} row·dims)" };
        }

        if (indexed < live / 2)
        {
            return new SearchPlan(SearchStrategy.ExactScan, candidates, live, 0) { Explanation = () => $"graph holds {indexed} of {live} rows (still building)" };
        }

        if (!tuning.GraphWins)
        {
            return new SearchPlan(SearchStrategy.ExactScan, candidates, live, 0) { Explanation = () => $"calibration: graph slower than scan or below target recall (recall {tuning.MeasuredRecall:F3} at ef {tuning.Ef})" };
        }

        var breadth = Math.Max(limit, tuning.Ef);
        if (!filtered)
        {
            return new SearchPlan(SearchStrategy.Graph, candidates, live, breadth) { Explanation = () => $"calibrated ef {tuning.Ef} (recall {tuning.MeasuredRecall:F3})" };
        }

        var selectivity = (double)candidates / live;
        if (selectivity < MinGraphSelectivity)
        {
            return new SearchPlan(SearchStrategy.ExactScan, candidates, live, 0) { Explanation = () => $"selectivity {selectivity:F3} < {MinGraphSelectivity}: scan the matching rows" };
        }

        var widened = (int)Math.Min(MaxBreadth, Math.Ceiling(breadth / selectivity));
        return new SearchPlan(SearchStrategy.FilteredGraph, candidates, live, widened) { Explanation = () => $"selectivity {selectivity:F3}: filtered walk at ef {widened}" };
    }
}
