namespace Zordic.Agents.Embeddings;

/// <summary>Fixed-size feature vectors, L2-normalised, for AgentDb's similarity search.</summary>
public static class Embedding
{
    /// <summary>Every pattern embedding has this many dimensions.</summary>
    public const int Dimensions = 64;

    internal static float[] Normalize(float[] v)
    {
        double sum = 0;
        foreach (var x in v) sum += (double)x * x;
        if (sum <= 0) { v[0] = 1; return v; }
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++) v[i] *= scale;
        return v;
    }

    /// <summary>Cosine similarity of two normalised vectors (their dot product).</summary>
    public static double Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++) dot += a[i] * b[i];
        return dot;
    }
}
