namespace Zordic.AgentDb;

/// <summary>Database-wide settings.</summary>
public sealed record AgentDatabaseOptions
{
    /// <summary>
    /// True (default): every commit is fsynced (SQLite <c>synchronous=FULL</c>), so an acknowledged write survives
    /// power loss. False (<c>NORMAL</c>): still survives a killed process, but the last commits may be lost on power loss.
    /// </summary>
    public bool SynchronousCommit { get; init; } = true;

    /// <summary>
    /// The dimension the product's collections are created with on first use: the embedding size of the
    /// encoder that fills them (the seed names 768; the studio's musical encoder writes 64).
    /// </summary>
    public int ProductEmbeddingDimension { get; init; } = ProductCollections.EmbeddingDimension;

    /// <summary>
    /// Tests only: let calibration pick the graph whenever it reaches the target recall, without timing it
    /// against a scan, so that tests of the graph path do not depend on the machine's speed.
    /// </summary>
    internal bool IgnoreScanTiming { get; init; }
}
