using System.Text.Json;

namespace Zordic.AgentDb.Collections;

/// <summary>
/// One search result: the document's id, its exact distance to the query and a similarity score
/// (cosine: cos; L2: 1/(1+distance); inner product: the dot product). Metadata is parsed on first access,
/// so a search that only needs ids pays nothing for it.
/// </summary>
public sealed class SearchHit
{
    private readonly string _metadataJson;
    private JsonElement? _metadata;

    internal SearchHit(string id, float distance, float score, string metadataJson)
    {
        Id = id;
        Distance = distance;
        Score = score;
        _metadataJson = metadataJson;
    }

    /// <summary>The document's id.</summary>
    public string Id { get; }

    /// <summary>Distance in the collection's metric (smaller is nearer).</summary>
    public float Distance { get; }

    /// <summary>Similarity (larger is nearer).</summary>
    public float Score { get; }

    /// <summary>The document's metadata.</summary>
    public JsonElement Metadata
    {
        get
        {
            if (_metadata is null)
            {
                using var document = JsonDocument.Parse(_metadataJson);
                _metadata = document.RootElement.Clone();
            }

            return _metadata.Value;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} (distance {Distance}, score {Score})";
}
