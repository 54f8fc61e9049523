namespace Zordic.AgentDb;

/// <summary>The fixed shape of a collection and its tuning knobs; the defaults need no tuning.</summary>
/// <param name="Dimension">Length of every embedding in the collection.</param>
/// <param name="Metric">Distance used by <c>Search</c>.</param>
public sealed record CollectionOptions(int Dimension, DistanceMetric Metric = DistanceMetric.Cosine)
{
    /// <summary>In-memory vector precision.</summary>
    public Quantization Quantization { get; init; } = Quantization.F32;

    /// <summary>HNSW links per node (USearch "connectivity"); 0 picks one from the dimension.</summary>
    public int Connectivity { get; init; }

    /// <summary>HNSW construction breadth (USearch "expansion_add"); 0 picks a default.</summary>
    public int ExpansionAdd { get; init; }

    /// <summary>Recall@10 the planner calibrates the graph for, measured on the collection's own vectors.</summary>
    public double TargetRecall { get; init; } = 0.99;

    /// <summary>
    /// Work (rows × dimension) under which a search scans exactly instead of walking the graph.
    /// Exact scans of this size take well under 100 µs, faster than a graph walk would.
    /// </summary>
    public long ExactScanWork { get; init; } = 1_000_000;

    internal int EffectiveConnectivity => Connectivity > 0 ? Connectivity : Dimension >= 256 ? 32 : 16;

    internal int EffectiveExpansionAdd => ExpansionAdd > 0 ? ExpansionAdd : 128;

    internal void Validate()
    {
        if (Dimension is < 1 or > 65_536)
        {
            throw new ArgumentOutOfRangeException(nameof(Dimension), Dimension, "dimension must be between 1 and 65536");
        }

        if (!Enum.IsDefined(Metric))
        {
            throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "unknown metric");
        }

        if (!Enum.IsDefined(Quantization))
        {
            throw new ArgumentOutOfRangeException(nameof(Quantization), Quantization, "unknown quantization");
        }

        if (Connectivity is < 0 or > 256 || ExpansionAdd is < 0 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(Connectivity), "connectivity must be 0..256 and expansion 0..4096");
        }

        if (TargetRecall is <= 0 or > 1 || double.IsNaN(TargetRecall))
        {
            throw new ArgumentOutOfRangeException(nameof(TargetRecall), TargetRecall, "target recall must be in (0, 1]");
        }
    }
}
