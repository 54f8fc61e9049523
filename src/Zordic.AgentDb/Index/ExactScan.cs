namespace Zordic.AgentDb.Index;

/// <summary>
/// Brute-force top-k over the in-memory vectors with SIMD kernels: exact for float32, an estimate to be
/// re-ranked for f16/i8. Large scans are split across the cores, since one query's latency is what users feel.
/// </summary>
internal static class ExactScan
{
    /// <summary>Work (rows × dimension) above which a scan is split across cores.</summary>
    public const long ParallelWork = 1_500_000;

    /// <summary>Scans slots in [from, to) that <paramref name="alive"/> marks live.</summary>
    public static TopK ScanRange(VectorStore store, QueryVector query, int from, int to, bool[] alive, int k, CancellationToken cancellation)
    {
        var rows = to - from;
        if (rows <= 0)
        {
            return new TopK(k);
        }

        var parts = PartsFor((long)rows * store.Dimension);
        if (parts == 1)
        {
            return ScanRangePart(store, query, from, to, alive, k, cancellation);
        }

        var results = new TopK[parts];
        Parallel.For(0, parts, new ParallelOptions { CancellationToken = cancellation }, part =>
        {
            var start = from + (int)((long)rows * part / parts);
            var end = from + (int)((long)rows * (part + 1) / parts);
            results[part] = ScanRangePart(store, query, start, end, alive, k, cancellation);
        });
        return MergeAll(results, k);
    }

    /// <summary>Scans the listed slots (e.g. the rows a filter matched).</summary>
    public static TopK ScanList(VectorStore store, QueryVector query, ReadOnlyMemory<int> slots, int k, CancellationToken cancellation)
    {
        var parts = PartsFor((long)slots.Length * store.Dimension);
        if (parts == 1)
        {
            return ScanListPart(store, query, slots.Span, k, cancellation);
        }

        var results = new TopK[parts];
        var length = slots.Length;
        Parallel.For(0, parts, new ParallelOptions { CancellationToken = cancellation }, part =>
        {
            var start = (int)((long)length * part / parts);
            var end = (int)((long)length * (part + 1) / parts);
            results[part] = ScanListPart(store, query, slots.Span[start..end], k, cancellation);
        });
        return MergeAll(results, k);
    }

    private static int PartsFor(long work) => work >= ParallelWork ? Math.Min(Environment.ProcessorCount, 4) : 1;

    private static TopK MergeAll(TopK[] results, int k)
    {
        var merged = new TopK(k);
        foreach (var r in results)
        {
            merged.Merge(r);
        }

        return merged;
    }

    private static TopK ScanRangePart(VectorStore store, QueryVector query, int from, int to, bool[] alive, int k, CancellationToken cancellation)
    {
        var top = new TopK(k);
        Span<float> scratch = store.Quantization == Quantization.F16 ? new float[store.Dimension] : default;
        for (var slot = from; slot < to; slot++)
        {
            if ((slot & 0x3FFF) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            if (alive[slot])
            {
                var distance = store.Distance(slot, query, scratch);
                if (distance < top.Threshold || top.Count < top.Capacity)
                {
                    top.Add(distance, slot);
                }
            }
        }

        return top;
    }

    private static TopK ScanListPart(VectorStore store, QueryVector query, ReadOnlySpan<int> slots, int k, CancellationToken cancellation)
    {
        var top = new TopK(k);
        Span<float> scratch = store.Quantization == Quantization.F16 ? new float[store.Dimension] : default;
        for (var i = 0; i < slots.Length; i++)
        {
            if ((i & 0x3FFF) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            var distance = store.Distance(slots[i], query, scratch);
            if (distance <= top.Threshold)
            {
                top.Add(distance, slots[i]);
            }
        }

        return top;
    }
}
