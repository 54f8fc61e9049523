namespace Zordic.AgentDb;

/// <summary>
/// How a collection keeps its vectors in memory. The exact float32 vectors always stay in SQLite; with
/// <see cref="F16"/> and <see cref="I8"/> the in-memory copy is compressed and search results are re-ranked
/// against the exact vectors, so distances returned are exact in every mode.
/// </summary>
public enum Quantization
{
    /// <summary>Exact float32 in memory (4 bytes per dimension).</summary>
    F32,

    /// <summary>Half precision in memory (2 bytes per dimension), exact re-ranking.</summary>
    F16,

    /// <summary>Signed bytes with a per-vector scale (1 byte per dimension + 8 bytes), exact re-ranking.</summary>
    I8,
}
