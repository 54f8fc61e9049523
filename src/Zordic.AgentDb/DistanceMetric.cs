namespace Zordic.AgentDb;

/// <summary>How a collection measures the distance between two embeddings.</summary>
public enum DistanceMetric
{
    /// <summary>Distance 1 − cos(a, b); score cos(a, b).</summary>
    Cosine,

    /// <summary>Euclidean distance |a − b|; score 1 / (1 + distance).</summary>
    L2,

    /// <summary>Distance 1 − a·b; score a·b.</summary>
    InnerProduct,
}
