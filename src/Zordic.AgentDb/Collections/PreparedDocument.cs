using System.Numerics.Tensors;
using Zordic.AgentDb.Filters;

namespace Zordic.AgentDb.Collections;

/// <summary>A validated document ready to store: original vector, prepared vector (unit length for cosine), parsed metadata.</summary>
internal sealed record PreparedDocument(string Id, string MetadataJson, MetaObject Metadata, float[] Original, float[] Prepared)
{
    public static PreparedDocument From(AgentDocument document, string collection, CollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrEmpty(document.Id))
        {
            throw new AgentDbException($"collection '{collection}': a document needs a non-empty id");
        }

        if (document.Metadata.ValueKind is not (System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Undefined))
        {
            throw new AgentDbException($"collection '{collection}', document '{document.Id}': metadata must be a JSON object, not {document.Metadata.ValueKind}");
        }

        var original = CheckVector(document.Embedding, collection, options, $"document '{document.Id}'");
        var prepared = Prepare(original, options.Metric, collection, $"document '{document.Id}'");
        var json = document.Metadata.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "{}" : document.Metadata.GetRawText();
        var metadata = document.Metadata.ValueKind == System.Text.Json.JsonValueKind.Undefined ? MetaObject.Empty : MetaObject.From(document.Metadata);
        return new PreparedDocument(document.Id, json, metadata.With("id", MetaValue.Of(document.Id)), original, prepared);
    }

    /// <summary>Checks length and finiteness and returns a private copy.</summary>
    public static float[] CheckVector(ReadOnlySpan<float> vector, string collection, CollectionOptions options, string what)
    {
        CheckFinite(vector, collection, options, what);
        return vector.ToArray();
    }

    /// <summary>Checks length and finiteness.</summary>
    public static void CheckFinite(ReadOnlySpan<float> vector, string collection, CollectionOptions options, string what)
    {
        if (vector.Length != options.Dimension)
        {
            throw new AgentDbException($"collection '{collection}', {what}: vector has {vector.Length} dimensions, the collection has {options.Dimension}");
        }

        // One SIMD pass: x·0 sums to NaN exactly when some component is NaN or infinite.
        if (float.IsNaN(TensorPrimitives.Dot(vector, ZeroVector(vector.Length))))
        {
            for (var i = 0; i < vector.Length; i++)
            {
                if (!float.IsFinite(vector[i]))
                {
                    throw new AgentDbException($"collection '{collection}', {what}: component {i} is {vector[i]} (vectors must be finite)");
                }
            }
        }
    }

    private static ReadOnlySpan<float> ZeroVector(int length) => length <= Zeros.Length ? Zeros.AsSpan(0, length) : new float[length];

    private static readonly float[] Zeros = new float[4096];

    /// <summary>Normalises for cosine (a zero vector has no direction, so it is refused).</summary>
    public static float[] Prepare(float[] vector, DistanceMetric metric, string collection, string what)
    {
        if (metric != DistanceMetric.Cosine)
        {
            return vector;
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm == 0 || !float.IsFinite(norm))
        {
            throw new AgentDbException($"collection '{collection}', {what}: a zero vector has no cosine distance");
        }

        var prepared = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm, prepared);
        return prepared;
    }
}
