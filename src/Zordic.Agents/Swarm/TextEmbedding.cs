using Zordic.Agents.Embeddings;

namespace Zordic.Agents.Swarm;

/// <summary>
/// A small deterministic embedding of text (hashed word and bigram features, L2-normalised), for
/// memory entries and traces that have no musical embedding: similar prompts land near each other.
/// </summary>
public static class TextEmbedding
{
    public static float[] Of(string text)
    {
        var vector = new float[Embedding.Dimensions];
        var words = text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '/', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            Add(vector, words[i], 1f);
            if (i > 0) Add(vector, words[i - 1] + " " + words[i], 0.5f);
        }
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        if (norm == 0)
        {
            vector[0] = 1; // nothing to hash, or features that cancelled: still a valid direction
            return vector;
        }
        for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    static void Add(float[] vector, string feature, float weight)
    {
        var hash = 2166136261u;
        foreach (var c in feature)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        // The top bit signs the feature, so unrelated features cancel rather than pile up.
        vector[hash % (uint)vector.Length] += (hash & 0x8000_0000u) == 0 ? weight : -weight;
    }
}
