using System.Text.Json;

namespace Zordic.AgentDb.Collections;

/// <summary>
/// A stored document: an id unique in its collection, JSON metadata (an object), and its embedding.
/// Filters see the id as the field <c>id</c>, as in the seed's <c>findOne({ id })</c>.
/// </summary>
/// <param name="Id">Unique id within the collection.</param>
/// <param name="Embedding">The vector; its length must equal the collection's dimension and be finite.</param>
/// <param name="Metadata">A JSON object (use <see cref="Create"/> to build it from any serialisable object).</param>
public sealed record AgentDocument(string Id, float[] Embedding, JsonElement Metadata)
{
    /// <summary>Builds a document, serialising <paramref name="metadata"/> with System.Text.Json (null: empty object).</summary>
    public static AgentDocument Create(string id, float[] embedding, object? metadata = null) =>
        new(id, embedding, metadata is null ? EmptyMetadata : JsonSerializer.SerializeToElement(metadata));

    private static JsonElement EmptyMetadata { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
