using Zordic.AgentDb.Index;

namespace Zordic.AgentDb.Collections;

public sealed partial class AgentCollection
{
    /// <summary>Rows added to the graph between two advances of the indexed mark.</summary>
    private const int IndexBatch = 2048;

    /// <summary>Adds per read-lock hold, so writers never wait long for the indexer.</summary>
    private const int AddsPerLock = 64;

    private readonly CancellationTokenSource _shutdown = new();
    private readonly SemaphoreSlim _indexSignal = new(0, 1);
    private HnswIndex _graph;
    private volatile GraphTuning _tuning = GraphTuning.Default;
    private int _indexedUpTo;
    private long _graphAdds;
    private bool _graphChanged;
    private Task _indexer = Task.CompletedTask;

    /// <summary>
    /// Completes when every document is in the graph and the graph is calibrated. Searches never need this
    /// (unindexed rows are scanned); benchmarks and tests use it to measure the steady state.
    /// </summary>
    public async Task WaitForIndexAsync(CancellationToken cancellation = default)
    {
        while (true)
        {
            ThrowIfDisposed();
            using (ReadLock())
            {
                if (_indexedUpTo == _count && !NeedsCalibration())
                {
                    return;
                }
            }

            if (_indexer.IsFaulted)
            {
                throw new AgentDbException($"collection '{Name}': the background indexer failed", _indexer.Exception!);
            }

            SignalIndexer();
            await Task.Delay(5, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Saves the graph beside the database so the next open does not rebuild it.</summary>
    public async Task CheckpointAsync(CancellationToken cancellation = default)
    {
        await WaitForIndexAsync(cancellation).ConfigureAwait(false);
        await _writeGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            SaveGraph();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Stops the indexer and saves the graph (the documents are already durable).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await _indexer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            SaveGraph();
            _disposed = true;
            _graph.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    internal HnswIndex Graph => _graph;

    private HnswIndex CreateGraph()
    {
        var options = Options;
        var metric = options.Metric == DistanceMetric.L2 ? UsearchNative.MetricKind.L2sq : UsearchNative.MetricKind.Ip;

        // The graph only proposes candidates: they are re-ranked on the store's vectors, so its own copy can be
        // half precision: half the memory traffic per hop, faster at equal recall (docs/experiments/agentdb.md).
        // USearch's i8 normalises vectors, which is only right for cosine; L2 and IP graphs stay f16.
        var scalar = options.Quantization == Quantization.I8 && options.Metric == DistanceMetric.Cosine
            ? UsearchNative.ScalarKind.I8
            : UsearchNative.ScalarKind.F16;
        return HnswIndex.Create(options.Dimension, metric, scalar, options.EffectiveConnectivity, options.EffectiveExpansionAdd);
    }

    private void StartIndexer() => _indexer = Task.Factory.StartNew(IndexLoop, TaskCreationOptions.LongRunning);

    private void SignalIndexer()
    {
        if (_indexSignal.CurrentCount == 0)
        {
            try
            {
                _indexSignal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a concurrent writer.
            }
        }
    }

    private void IndexLoop()
    {
        var token = _shutdown.Token;
        try
        {
            while (true)
            {
                _indexSignal.Wait(token);
                while (IndexNextBatch(token))
                {
                }

                bool calibrate;
                using (ReadLock())
                {
                    calibrate = _indexedUpTo == _count && NeedsCalibration();
                }

                if (calibrate)
                {
                    Calibrate(token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private bool IndexNextBatch(CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        int from, to;
        using (ReadLock())
        {
            from = _indexedUpTo;
            to = Math.Min(_count, from + IndexBatch);
        }

        if (from >= to)
        {
            return false;
        }

        var needed = _graphAdds + (to - from);
        if (needed > _graph.Capacity)
        {
            _lock.EnterWriteLock();
            try
            {
                _graph.Reserve(Math.Max(needed, Math.Max(1024, _graph.Capacity * 2)));
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        var parts = Math.Min(Environment.ProcessorCount, Math.Max(1, (to - from) / AddsPerLock));
        long added = 0;
        Parallel.For(0, parts, new ParallelOptions { CancellationToken = token }, part =>
        {
            var start = from + ((to - from) * part / parts);
            var end = from + ((to - from) * (part + 1) / parts);
            var buffer = new float[Options.Dimension];
            for (var chunk = start; chunk < end; chunk += AddsPerLock)
            {
                _lock.EnterReadLock();
                try
                {
                    for (var slot = chunk; slot < Math.Min(end, chunk + AddsPerLock); slot++)
                    {
                        if (!_alive[slot])
                        {
                            continue;
                        }

                        if (_vectors.IsExact)
                        {
                            _graph.Add((ulong)_keys[slot], _vectors.F32(slot));
                        }
                        else
                        {
                            _vectors.Decode(slot, buffer);
                            _graph.Add((ulong)_keys[slot], buffer);
                        }

                        Interlocked.Increment(ref added);
                    }
                }
                finally
                {
                    _lock.ExitReadLock();
                }
            }
        });

        _lock.EnterWriteLock();
        try
        {
            _graphAdds += added;
            _indexedUpTo = to;
            _graphChanged = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return true;
    }

    // Callers hold the lock. Re-calibrate when the collection has doubled since the last time.
    private bool NeedsCalibration() =>
        (long)_live * Options.Dimension > Options.ExactScanWork && _live >= 64 && _live >= 2L * _tuning.CalibratedAt;

    // Calibrates on a sample of the collection's own vectors, through the same scan and graph walk (and, for
    // quantized stores, the same exact re-ranking) that searches use.
    private void Calibrate(CancellationToken token)
    {
        using var _ = ReadLock();
        var samples = new List<(int Slot, QueryVector Query)>();
        var step = Math.Max(1, _count / GraphCalibration.Queries);
        var buffer = new float[Options.Dimension];
        for (var slot = 0; slot < _count && samples.Count < GraphCalibration.Queries; slot += step)
        {
            if (_alive[slot])
            {
                _vectors.Decode(slot, buffer);
                samples.Add((slot, QueryVector.Of((float[])buffer.Clone(), Options.Quantization)));
            }
        }

        _tuning = GraphCalibration.Measure(samples, ScanNearest, GraphNearest, Options.TargetRecall, _databaseOptions.IgnoreScanTiming, _live, token);

        (float Distance, int Slot)[] ScanNearest(QueryVector query, int count)
        {
            var nearest = ExactScan.ScanRange(_vectors, query, 0, _count, _alive, Gather(count), token).ToSorted();
            return _vectors.IsExact ? nearest : Rerank(nearest, query, count);
        }

        (float Distance, int Slot)[] GraphNearest(QueryVector query, int breadth, int count)
        {
            var top = new TopK(Gather(count));
            GraphCandidates(query, Math.Max(breadth, Gather(count)), null, top);
            return _vectors.IsExact ? top.ToSorted() : Rerank(top.ToSorted(), query, count);
        }

        int Gather(int count) => _vectors.IsExact ? count : count * 4;
    }

    private void LoadSavedGraph()
    {
        if (_graphFile.TryLoad(_keys.AsSpan(0, _count), Options, _graph.Scalar, CreateGraph) is not { } saved)
        {
            return;
        }

        _graph.Dispose();
        _graph = saved.Graph;
        _graphAdds = saved.Graph.Size;
        _indexedUpTo = saved.Indexed;
        _tuning = saved.Tuning;
        _graphChanged = false;
    }

    // Callers hold the write gate and the indexer is idle or stopped.
    private void SaveGraph()
    {
        using (ReadLock())
        {
            if (!_graphChanged)
            {
                return;
            }
        }

        _lock.EnterWriteLock();
        try
        {
            _graphFile.Save(_graph, _keys.AsSpan(0, _indexedUpTo), _alive.AsSpan(0, _indexedUpTo), Options, _tuning);
            _graphChanged = false;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
