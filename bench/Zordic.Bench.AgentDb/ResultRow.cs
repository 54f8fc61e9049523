using System.Text.Json.Serialization;

namespace Zordic.Bench.AgentDb;

/// <summary>One line of the benchmark table (keys as the issue lists them, plus context).</summary>
internal sealed record ResultRow(
    [property: JsonPropertyName("system")] string System,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("filtered")] bool Filtered,
    [property: JsonPropertyName("recall_at_10")] double RecallAt10,
    [property: JsonPropertyName("hits_avg")] double HitsAvg,
    [property: JsonPropertyName("p50_us")] double P50Us,
    [property: JsonPropertyName("p99_us")] double P99Us,
    [property: JsonPropertyName("qps")] double Qps,
    [property: JsonPropertyName("insert_per_s")] double InsertPerSecond,
    [property: JsonPropertyName("memory_mb")] double MemoryMb)
{
    /// <summary>f32/f16/i8 for Zordic and raw USearch rows.</summary>
    [JsonPropertyName("quantization")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Quantization { get; init; }

    /// <summary>Inserts per second counted until the graph holds every row (Zordic acknowledges earlier).</summary>
    [JsonPropertyName("indexed_per_s")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? IndexedPerSecond { get; init; }

    /// <summary>In-memory vector bytes (what quantization shrinks), MiB.</summary>
    [JsonPropertyName("vector_mb")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? VectorMb { get; init; }

    /// <summary>What the planner chose, or how the anchor filtered.</summary>
    [JsonPropertyName("plan")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Plan { get; init; }

    /// <summary>Search breadth used.</summary>
    [JsonPropertyName("ef")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ef { get; init; }

    /// <summary>Raw USearch search on this very graph at the same breadth (p50, interleaved with Zordic's).</summary>
    [JsonPropertyName("same_index_usearch_p50_us")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SameIndexUsearchP50Us { get; init; }

    [JsonPropertyName("note")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
}
