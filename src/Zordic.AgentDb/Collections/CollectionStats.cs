namespace Zordic.AgentDb.Collections;

/// <summary>A snapshot of a collection's size and index state.</summary>
/// <param name="Live">Documents in the collection.</param>
/// <param name="Indexed">Documents already in the HNSW graph (the rest are scanned exactly).</param>
/// <param name="VectorBytes">Bytes of in-memory vectors (depends on quantization).</param>
/// <param name="GraphBytes">Bytes held by the native HNSW index.</param>
/// <param name="GraphEf">Calibrated search breadth.</param>
/// <param name="GraphWins">Whether calibration found the graph faster than a scan at the target recall.</param>
/// <param name="CalibratedRecall">Recall@10 measured during calibration (NaN before).</param>
public sealed record CollectionStats(int Live, int Indexed, long VectorBytes, long GraphBytes, int GraphEf, bool GraphWins, double CalibratedRecall);
