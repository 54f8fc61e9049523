using System.Buffers;
using System.Numerics.Tensors;
using Zordic.AgentDb.Filters;
using Zordic.AgentDb.Index;

namespace Zordic.AgentDb.Collections;

public sealed partial class AgentCollection
{
    /// <summary>Largest <c>limit</c> a search accepts.</summary>
    public const int MaxSearchLimit = 10_000;

    /// <summary>
    /// The <paramref name="limit"/> nearest documents to <paramref name="vector"/> among those matching
    /// <paramref name="filter"/>, nearest first. Returns <paramref name="limit"/> hits whenever that many match.
    /// </summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(ReadOnlyMemory<float> vector, int limit = 10, Filter? filter = null, CancellationToken cancellation = default)
    {
        using var query = PrepareQuery(vector.Span, limit);
        cancellation.ThrowIfCancellationRequested();
        using var _ = ReadLock();
        var (plan, matching) = PlanLocked(limit, filter, cancellation);
        var nearest = Execute(plan, matching, query, limit, cancellation);
        return Task.FromResult<IReadOnlyList<SearchHit>>(ToHits(nearest));
    }

    /// <summary>What <see cref="SearchAsync"/> would do for this limit and filter, and why.</summary>
    public SearchPlan ExplainSearch(int limit = 10, Filter? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var _ = ReadLock();
        return PlanLocked(limit, filter, CancellationToken.None).Plan;
    }

    private QueryVector PrepareQuery(ReadOnlySpan<float> vector, int limit)
    {
        ThrowIfDisposed();
        if (limit is < 1 or > MaxSearchLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be between 1 and {MaxSearchLimit}");
        }

        PreparedDocument.CheckFinite(vector, Name, Options, "query");
        if (Options.Metric == DistanceMetric.Cosine && TensorPrimitives.Dot(vector, vector) == 0)
        {
            throw new AgentDbException($"collection '{Name}', query: a zero vector has no cosine distance");
        }

        return QueryVector.Prepare(vector, Options.Metric == DistanceMetric.Cosine, Options.Quantization);
    }

    // Callers hold the read lock.
    private (SearchPlan Plan, int[]? Matching) PlanLocked(int limit, Filter? filter, CancellationToken cancellation)
    {
        var filtered = filter is not null && !filter.MatchesAll;
        var matching = filtered ? MatchingSlots(filter, cancellation) : null;
        var candidates = matching?.Length ?? _live;
        var plan = SearchPlanner.Plan(_live, candidates, filtered, limit, Options.Dimension, _indexedUpTo, _tuning, Options.ExactScanWork);
        return (plan, matching);
    }

    // Callers hold the read lock. Returns (rank distance, slot) nearest first, at most limit, distances exact.
    private (float Distance, int Slot)[] Execute(SearchPlan plan, int[]? matching, QueryVector query, int limit, CancellationToken cancellation)
    {
        // Quantized stores give estimates: gather more candidates and re-rank them on exact vectors.
        var gather = _vectors.IsExact ? limit : Math.Max(limit * 4, limit + 16);
        TopK top;
        switch (plan.Strategy)
        {
            case SearchStrategy.Empty:
                return [];
            case SearchStrategy.Graph:
                // A quantized store re-ranks `gather` candidates, so the walk must produce at least that many
                // (calibration measured it that way too).
                top = new TopK(gather);
                GraphCandidates(query, Math.Max(plan.Breadth, gather), null, top);
                top.Merge(ExactScan.ScanRange(_vectors, query, _indexedUpTo, _count, _alive, gather, cancellation));
                break;
            case SearchStrategy.FilteredGraph:
                top = new TopK(gather);
                var found = GraphCandidates(query, Math.Max(plan.Breadth, gather), matching, top);
                var tail = TailOf(matching!);
                top.Merge(ExactScan.ScanList(_vectors, query, tail, gather, cancellation));
                if (found + tail.Length < Math.Min(limit, matching!.Length))
                {
                    // The walk ran out of admissible nodes before finding enough: scan the matches instead.
                    top = ExactScan.ScanList(_vectors, query, matching, gather, cancellation);
                }

                break;
            default:
                top = matching is null
                    ? ExactScan.ScanRange(_vectors, query, 0, _count, _alive, gather, cancellation)
                    : ExactScan.ScanList(_vectors, query, matching, gather, cancellation);
                break;
        }

        var candidates = top.ToSorted();
        return _vectors.IsExact ? candidates : Rerank(candidates, query, limit);
    }

    // Adds graph hits (slots already in the graph only; the tail is scanned separately) to top. Returns hits found.
    private int GraphCandidates(QueryVector query, int breadth, int[]? matching, TopK top)
    {
        var keys = ArrayPool<ulong>.Shared.Rent(breadth);
        var distances = ArrayPool<float>.Shared.Rent(breadth);
        ulong[]? bits = null;
        try
        {
            int found;
            if (matching is null)
            {
                found = _graph.Search(query.Values, breadth, keys, distances);
            }
            else
            {
                var words = (int)((_keys[_count - 1] >> 6) + 1);
                bits = ArrayPool<ulong>.Shared.Rent(words);
                Array.Clear(bits, 0, words);
                foreach (var slot in matching)
                {
                    var key = (ulong)_keys[slot];
                    bits[key >> 6] |= 1UL << (int)(key & 63);
                }

                found = _graph.FilteredSearch(query.Values, breadth, bits, keys, distances);
            }

            var indexed = _indexedUpTo;
            var admitted = 0;
            var scratch = _vectors.Quantization == Quantization.F16 ? new float[Options.Dimension] : default;

            // With exact f32 vectors in memory, only the best few graph hits are re-scored: the graph's own
            // (half-precision) order is right except within rounding of the boundary, and each re-score reads a
            // full vector the walk did not touch, which is nearly all of the time Zordic adds to a raw USearch
            // search. Quantized stores keep every hit for the re-ranker. Half a limit of spare candidates covers
            // the boundary swaps of half precision, which two spares did not (docs/experiments/agentdb.md).
            var rescore = _vectors.IsExact ? top.Capacity + Math.Max(4, top.Capacity / 2) : int.MaxValue;
            for (var i = 0; i < Math.Min(found, rescore); i++)
            {
                if (_slotByKey.TryGetValue((long)keys[i], out var slot))
                {
                    _vectors.Prefetch(slot);
                }
            }

            for (var i = 0; i < found && admitted < rescore; i++)
            {
                if (_slotByKey.TryGetValue((long)keys[i], out var slot) && slot < indexed)
                {
                    // Distances from the store, not the graph: the same numbers an exact scan would give.
                    top.Add(_vectors.Distance(slot, query, scratch), slot);
                    admitted++;
                }
            }

            return admitted;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<float>.Shared.Return(distances);
            if (bits is not null)
            {
                ArrayPool<ulong>.Shared.Return(bits);
            }
        }
    }

    private int[] TailOf(int[] matching)
    {
        var indexed = _indexedUpTo;
        var start = Array.BinarySearch(matching, indexed);
        start = start < 0 ? ~start : start;
        return matching[start..];
    }

    // Exact distances for quantized candidates, from the exact vectors in storage.
    private (float Distance, int Slot)[] Rerank((float Distance, int Slot)[] candidates, QueryVector query, int limit)
    {
        var d = Options.Dimension;
        var keys = new long[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            keys[i] = _keys[candidates[i].Slot];
        }

        var exact = ArrayPool<float>.Shared.Rent(candidates.Length * d);
        try
        {
            _store.ReadEmbeddings(_record.Id, keys, exact, d);
            var top = new TopK(limit);
            for (var i = 0; i < candidates.Length; i++)
            {
                var vector = exact.AsSpan(i * d, d);
                float distance;
                switch (Options.Metric)
                {
                    case DistanceMetric.L2:
                        distance = VectorKernels.L2Squared(vector, query.Values);
                        break;
                    case DistanceMetric.Cosine:
                        var norm = MathF.Sqrt(VectorKernels.Dot(vector, vector));
                        distance = 1f - (VectorKernels.Dot(vector, query.Values) / norm);
                        break;
                    default:
                        distance = 1f - VectorKernels.Dot(vector, query.Values);
                        break;
                }

                top.Add(distance, candidates[i].Slot);
            }

            return top.ToSorted();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(exact);
        }
    }

    private SearchHit[] ToHits((float Distance, int Slot)[] nearest)
    {
        var hits = new SearchHit[nearest.Length];
        for (var i = 0; i < nearest.Length; i++)
        {
            var (rank, slot) = nearest[i];
            float distance, score;
            switch (Options.Metric)
            {
                case DistanceMetric.L2:
                    distance = MathF.Sqrt(MathF.Max(0, rank));
                    score = 1f / (1f + distance);
                    break;
                default:
                    distance = rank;
                    score = 1f - rank;
                    break;
            }

            hits[i] = new SearchHit(_ids[slot], distance, score, _metadataJson[slot]);
        }

        return hits;
    }
}
