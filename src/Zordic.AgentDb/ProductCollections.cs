namespace Zordic.AgentDb;

/// <summary>
/// The collections the studio's agents use (seed §1 and §3). <see cref="AgentDatabase.CollectionAsync(string, CancellationToken)"/>
/// creates them on first use with these options.
/// </summary>
public static class ProductCollections
{
    /// <summary>Default dimension of the product's embeddings (seed §3: "Encode to 768-dim vector"); see <see cref="AgentDatabaseOptions.ProductEmbeddingDimension"/>.</summary>
    public const int EmbeddingDimension = 768;

    /// <summary>The names, in the seed's spelling.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "beat_patterns", "melody_patterns", "harmony_patterns", "user_preferences",
        "learning_traces", "visual_templates", "memory",
    ];

    /// <summary>The options a product collection is created with.</summary>
    public static CollectionOptions DefaultOptions { get; } = new(EmbeddingDimension, DistanceMetric.Cosine);

    /// <summary>True when <paramref name="name"/> is one of the product's collections.</summary>
    public static bool IsProductCollection(string name) => Names.Contains(name, StringComparer.Ordinal);
}
