namespace Zordic.AgentDb.Index;

/// <summary>
/// A collection's graph saved beside the database (<c>N.usearch</c>) with its sidecar (<c>N.json</c>, an
/// <see cref="IndexSnapshot"/>), so that the next open does not rebuild it. The graph is derived state: it is
/// reused only when it holds exactly the stored documents up to its largest key, and any doubt means a rebuild
/// from storage.
/// </summary>
internal sealed class GraphFile(string basePath)
{
    private string GraphPath => basePath + ".usearch";

    private string SidecarPath => basePath + ".json";

    /// <summary>
    /// The saved graph, when it was saved with these options and holds exactly the first stored documents
    /// (<paramref name="keys"/>, ascending) up to its largest key: the graph, how many of the keys it holds, and
    /// its calibration. Null when there is none or it does not match; the caller then builds the graph afresh.
    /// </summary>
    public (HnswIndex Graph, int Indexed, GraphTuning Tuning)? TryLoad(ReadOnlySpan<long> keys, CollectionOptions options, UsearchNative.ScalarKind scalar, Func<HnswIndex> create)
    {
        var snapshot = IndexSnapshot.TryRead(SidecarPath);
        if (snapshot is null || !File.Exists(GraphPath))
        {
            return null;
        }

        if (snapshot.Format != IndexSnapshot.CurrentFormat || snapshot.Dimension != options.Dimension
            || snapshot.Scalar != scalar.ToString() || snapshot.Metric != options.Metric.ToString()
            || snapshot.Connectivity != options.EffectiveConnectivity)
        {
            return null;
        }

        var prefix = 0;
        long count = 0;
        ulong hash = 0;
        while (prefix < keys.Length && keys[prefix] <= snapshot.MaxKey)
        {
            count++;
            hash += IndexSnapshot.HashKey(keys[prefix]);
            prefix++;
        }

        if (count != snapshot.Count || hash != snapshot.KeyHash)
        {
            return null;
        }

        var loaded = create();
        try
        {
            loaded.Load(GraphPath);
            if (loaded.Size != snapshot.Count || (snapshot.Count > 0 && !loaded.Contains((ulong)keys[prefix - 1])))
            {
                loaded.Dispose();
                return null;
            }
        }
        catch (InvalidOperationException)
        {
            loaded.Dispose();
            return null;
        }

        return (loaded, prefix, snapshot.Tuning);
    }

    /// <summary>
    /// Saves <paramref name="graph"/>, which holds the live ones of the first stored documents
    /// (<paramref name="keys"/> and <paramref name="alive"/>, by slot), with its calibration.
    /// </summary>
    public void Save(HnswIndex graph, ReadOnlySpan<long> keys, ReadOnlySpan<bool> alive, CollectionOptions options, GraphTuning tuning)
    {
        long count = 0;
        ulong hash = 0;
        for (var slot = 0; slot < keys.Length; slot++)
        {
            if (alive[slot])
            {
                count++;
                hash += IndexSnapshot.HashKey(keys[slot]);
            }
        }

        var maxKey = keys.Length > 0 ? keys[^1] : 0;
        Directory.CreateDirectory(Path.GetDirectoryName(basePath)!);

        // Sidecar first removed, then the graph replaced, then the sidecar written: a crash at any point
        // leaves either no sidecar (rebuild) or a matching pair.
        File.Delete(SidecarPath);
        graph.Save(GraphPath + ".tmp");
        File.Move(GraphPath + ".tmp", GraphPath, overwrite: true);
        new IndexSnapshot(IndexSnapshot.CurrentFormat, options.Dimension, graph.Scalar.ToString(), options.Metric.ToString(),
            options.EffectiveConnectivity, count, maxKey, hash, tuning).Write(SidecarPath);
    }
}
