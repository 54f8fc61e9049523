namespace Zordic.AgentDb.Storage;

/// <summary>A collection as recorded in storage.</summary>
internal sealed record CollectionRecord(long Id, string Name, CollectionOptions Options);

/// <summary>A document as written to storage: its embedding is the caller's original (not normalised).</summary>
internal sealed record StoredDocument(long Key, string Id, string MetadataJson, float[] Embedding);

/// <summary>A document to write; the store assigns its key.</summary>
internal sealed record PendingDocument(string Id, string MetadataJson, float[] Embedding);

/// <summary>
/// The source of truth behind the collections: documents and their exact vectors. The embedded
/// implementation is SQLite; a scale-out one (PostgreSQL) can sit behind the same small surface.
/// Every write is atomic and durable when its task completes.
/// </summary>
internal interface IDocumentStore : IAsyncDisposable
{
    Task<IReadOnlyList<CollectionRecord>> LoadCollectionsAsync(CancellationToken cancellation);

    Task<CollectionRecord> CreateCollectionAsync(string name, CollectionOptions options, CancellationToken cancellation);

    /// <summary>Streams every document of a collection in key order.</summary>
    IEnumerable<StoredDocument> ReadAll(long collectionId, CancellationToken cancellation);

    /// <summary>In one transaction: deletes <paramref name="deleteKeys"/>, inserts <paramref name="documents"/>; returns their new keys.</summary>
    Task<long[]> WriteAsync(long collectionId, IReadOnlyList<PendingDocument> documents, IReadOnlyList<long> deleteKeys, CancellationToken cancellation);

    /// <summary>Reads the exact embeddings of <paramref name="keys"/> (used to re-rank quantized results).</summary>
    void ReadEmbeddings(long collectionId, ReadOnlySpan<long> keys, Span<float> destination, int dimension);
}
