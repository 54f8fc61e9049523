namespace Zordic.AgentDb.Index;

/// <summary>
/// What calibration learned about a collection's graph: the search breadth that reaches the target recall on
/// the collection's own vectors, and whether walking the graph at that breadth beats scanning.
/// </summary>
/// <param name="Ef">Search breadth (candidates explored).</param>
/// <param name="GraphWins">False when the scan was faster or the graph never reached the target (e.g. uniform random data).</param>
/// <param name="MeasuredRecall">Recall@10 measured at <paramref name="Ef"/>.</param>
/// <param name="CalibratedAt">Number of live documents when measured.</param>
internal sealed record GraphTuning(int Ef, bool GraphWins, double MeasuredRecall, int CalibratedAt)
{
    /// <summary>Before any calibration: a breadth that gives high recall on typical embeddings.</summary>
    public static GraphTuning Default { get; } = new(96, true, double.NaN, 0);
}
