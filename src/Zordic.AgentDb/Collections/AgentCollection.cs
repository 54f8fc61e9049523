using System.Text.Json;
using Zordic.AgentDb.Filters;
using Zordic.AgentDb.Index;
using Zordic.AgentDb.Storage;

namespace Zordic.AgentDb.Collections;

/// <summary>
/// A named set of documents with a fixed dimension and metric: the seed's <c>agentDB.collection(name)</c>.
/// Thread-safe: any number of concurrent readers (find, search) and writers (insert, upsert, delete).
/// Writes are durable in SQLite when their task completes; the HNSW graph follows in the background and rows
/// not yet in it are scanned exactly, so every acknowledged document is immediately searchable.
/// </summary>
public sealed partial class AgentCollection : IAsyncDisposable
{
    private readonly IDocumentStore _store;
    private readonly CollectionRecord _record;
    private readonly GraphFile _graphFile;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly VectorStore _vectors;
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _slotByKey = [];
    private long[] _keys = new long[64];
    private string[] _ids = new string[64];
    private string[] _metadataJson = new string[64];
    private MetaObject[] _metadata = new MetaObject[64];
    private bool[] _alive = new bool[64];

    // Top-level metadata fields as columns by slot, for filter scans (see RowPredicate).
    private readonly Dictionary<string, MetaValue[]> _columns = new(StringComparer.Ordinal);
    private int _count;
    private int _live;
    private bool _disposed;

    private readonly AgentDatabaseOptions _databaseOptions;

    private AgentCollection(IDocumentStore store, CollectionRecord record, string indexDirectory, AgentDatabaseOptions databaseOptions)
    {
        _store = store;
        _databaseOptions = databaseOptions;
        _record = record;
        _graphFile = new GraphFile(Path.Combine(indexDirectory, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _vectors = new VectorStore(record.Options.Dimension, record.Options.Quantization, record.Options.Metric == DistanceMetric.L2);
        _graph = CreateGraph();
    }

    /// <summary>The collection's name.</summary>
    public string Name => _record.Name;

    /// <summary>Dimension, metric and tuning.</summary>
    public CollectionOptions Options => _record.Options;

    internal static async Task<AgentCollection> OpenAsync(IDocumentStore store, CollectionRecord record, string indexDirectory, AgentDatabaseOptions databaseOptions, CancellationToken cancellation)
    {
        var collection = new AgentCollection(store, record, indexDirectory, databaseOptions);
        await Task.Run(() => collection.LoadDocuments(cancellation), cancellation).ConfigureAwait(false);
        collection.LoadSavedGraph();
        collection.StartIndexer();
        return collection;
    }

    /// <summary>Inserts a document; throws <see cref="DuplicateIdException"/> if its id exists.</summary>
    public Task InsertAsync(AgentDocument document, CancellationToken cancellation = default) =>
        WriteAsync([document], upsert: false, cancellation);

    /// <summary>Inserts documents atomically: all of them or, on any error, none.</summary>
    public Task InsertManyAsync(IReadOnlyList<AgentDocument> documents, CancellationToken cancellation = default) =>
        WriteAsync(documents, upsert: false, cancellation);

    /// <summary>Inserts the document or replaces the one with the same id.</summary>
    public Task UpsertAsync(AgentDocument document, CancellationToken cancellation = default) =>
        WriteAsync([document], upsert: true, cancellation);

    /// <summary>Upserts documents atomically.</summary>
    public Task UpsertManyAsync(IReadOnlyList<AgentDocument> documents, CancellationToken cancellation = default) =>
        WriteAsync(documents, upsert: true, cancellation);

    /// <summary>Deletes the document with this id; false if there was none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await DeleteWhereAsync(slot => _ids[slot] == id, id, cancellation).ConfigureAwait(false) > 0;
    }

    /// <summary>Deletes every document matching the filter; returns how many.</summary>
    public Task<int> DeleteManyAsync(Filter filter, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return DeleteWhereAsync(slot => filter.Matches(_metadata[slot]), filter.RequiredId, cancellation);
    }

    /// <summary>Number of documents matching the filter (all when null).</summary>
    public Task<int> CountAsync(Filter? filter = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        using var _ = ReadLock();
        return Task.FromResult(filter is null || filter.MatchesAll ? _live : MatchingSlots(filter, cancellation).Length);
    }

    /// <summary>The first document (in insertion order) matching the filter, or null.</summary>
    public async Task<AgentDocument?> FindOneAsync(Filter? filter = null, CancellationToken cancellation = default)
    {
        var found = await FindAsync(filter, sort: null, limit: 1, skip: 0, cancellation).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>Documents matching the filter, sorted (insertion order when null), paged by skip and limit.</summary>
    public Task<IReadOnlyList<AgentDocument>> FindAsync(Filter? filter = null, SortOrder? sort = null, int limit = 100, int skip = 0, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        cancellation.ThrowIfCancellationRequested();
        using var _ = ReadLock();
        var slots = MatchingSlots(filter, cancellation);
        IEnumerable<int> ordered = slots;
        if (sort is not null)
        {
            var array = slots.ToArray();
            // Stable: equal sort keys keep insertion order.
            Array.Sort(array, (a, b) =>
            {
                var c = sort.Compare(_metadata[a], _metadata[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
            ordered = array;
        }

        var page = ordered.Skip(skip).Take(limit).ToArray();
        return Task.FromResult<IReadOnlyList<AgentDocument>>(Materialize(page));
    }

    /// <summary>The document with this id, or null.</summary>
    public Task<AgentDocument?> GetAsync(string id, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellation.ThrowIfCancellationRequested();
        using var _ = ReadLock();
        return Task.FromResult(_slotById.TryGetValue(id, out var slot) ? Materialize([slot])[0] : null);
    }

    /// <summary>Size and index state.</summary>
    public CollectionStats Stats()
    {
        using var _ = ReadLock();
        var tuning = _tuning;
        var indexed = 0;
        for (var slot = 0; slot < _indexedUpTo; slot++)
        {
            indexed += _alive[slot] ? 1 : 0;
        }

        return new CollectionStats(_live, indexed, _vectors.Bytes, _graph.MemoryUsage, tuning.Ef, tuning.GraphWins, tuning.MeasuredRecall);
    }

    private async Task WriteAsync(IReadOnlyList<AgentDocument> documents, bool upsert, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ThrowIfDisposed();
        if (documents.Count == 0)
        {
            return;
        }

        var prepared = new PreparedDocument[documents.Count];
        if (documents.Count >= 2048)
        {
            Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellation }, i => prepared[i] = PreparedDocument.From(documents[i], Name, Options));
        }
        else
        {
            for (var i = 0; i < documents.Count; i++)
            {
                prepared[i] = PreparedDocument.From(documents[i], Name, Options);
            }
        }

        var batchIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in prepared)
        {
            if (!batchIds.Add(document.Id))
            {
                throw new AgentDbException($"collection '{Name}': id '{document.Id}' appears twice in one write");
            }
        }

        await _writeGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            var replaced = new List<long>();
            using (ReadLock())
            {
                foreach (var document in prepared)
                {
                    if (_slotById.TryGetValue(document.Id, out var slot))
                    {
                        if (!upsert)
                        {
                            throw new DuplicateIdException(Name, document.Id);
                        }

                        replaced.Add(_keys[slot]);
                    }
                }
            }

            var pending = prepared.Select(d => new PendingDocument(d.Id, d.MetadataJson, d.Original)).ToArray();
            var keys = await _store.WriteAsync(_record.Id, pending, replaced, cancellation).ConfigureAwait(false);

            // Stored: from here on the write is acknowledged and must reach memory.
            _lock.EnterWriteLock();
            try
            {
                foreach (var key in replaced)
                {
                    RemoveSlot(_slotByKey[key]);
                }

                EnsureSlotCapacity(_count + prepared.Length);
                _vectors.Reserve(_count + prepared.Length);
                for (var i = 0; i < prepared.Length; i++)
                {
                    AppendSlot(keys[i], prepared[i].Id, prepared[i].MetadataJson, prepared[i].Metadata, prepared[i].Prepared);
                }
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _writeGate.Release();
        }

        SignalIndexer();
    }

    private async Task<int> DeleteWhereAsync(Func<int, bool> predicate, string? requiredId, CancellationToken cancellation)
    {
        ThrowIfDisposed();
        await _writeGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var keys = new List<long>();
            using (ReadLock())
            {
                if (requiredId is not null)
                {
                    if (_slotById.TryGetValue(requiredId, out var slot) && predicate(slot))
                    {
                        keys.Add(_keys[slot]);
                    }
                }
                else
                {
                    for (var slot = 0; slot < _count; slot++)
                    {
                        if (_alive[slot] && predicate(slot))
                        {
                            keys.Add(_keys[slot]);
                        }
                    }
                }
            }

            if (keys.Count == 0)
            {
                return 0;
            }

            await _store.WriteAsync(_record.Id, [], keys, cancellation).ConfigureAwait(false);
            _lock.EnterWriteLock();
            try
            {
                foreach (var key in keys)
                {
                    RemoveSlot(_slotByKey[key]);
                }
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return keys.Count;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void LoadDocuments(CancellationToken cancellation)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var stored in _store.ReadAll(_record.Id, cancellation))
            {
                using var json = JsonDocument.Parse(stored.MetadataJson);
                var metadata = MetaObject.From(json.RootElement).With("id", MetaValue.Of(stored.Id));
                var prepared = PreparedDocument.Prepare(stored.Embedding, Options.Metric, Name, $"stored document '{stored.Id}'");
                EnsureSlotCapacity(_count + 1);
                AppendSlot(stored.Key, stored.Id, stored.MetadataJson, metadata, prepared);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    // Callers hold the write lock.
    private void AppendSlot(long key, string id, string metadataJson, MetaObject metadata, float[] prepared)
    {
        var slot = _count++;
        _keys[slot] = key;
        _ids[slot] = id;
        _metadataJson[slot] = metadataJson;
        _metadata[slot] = metadata;
        _alive[slot] = true;
        _slotById[id] = slot;
        _slotByKey[key] = slot;
        for (var i = 0; i < metadata.Count; i++)
        {
            var name = metadata.NameAt(i);
            if (!_columns.TryGetValue(name, out var column))
            {
                column = new MetaValue[_keys.Length];
                _columns[name] = column;
            }

            column[slot] = metadata.ValueAt(i);
        }

        _vectors.Add(prepared);
        _live++;
    }

    // Callers hold the write lock. The slot stays (slots are positions in the vector store) but is dead.
    private void RemoveSlot(int slot)
    {
        _alive[slot] = false;
        _slotById.Remove(_ids[slot]);
        _slotByKey.Remove(_keys[slot]);
        _live--;
        if (_graph.Contains((ulong)_keys[slot]))
        {
            _graph.Remove((ulong)_keys[slot]);
            _graphChanged = true;
        }
    }

    private void EnsureSlotCapacity(int needed)
    {
        if (needed <= _keys.Length)
        {
            return;
        }

        var grown = Math.Max(needed, _keys.Length * 2);
        Array.Resize(ref _keys, grown);
        Array.Resize(ref _ids, grown);
        Array.Resize(ref _metadataJson, grown);
        Array.Resize(ref _metadata, grown);
        Array.Resize(ref _alive, grown);
        foreach (var name in _columns.Keys.ToArray())
        {
            var column = _columns[name];
            Array.Resize(ref column, grown);
            _columns[name] = column;
        }
    }

    // Callers hold the read lock.
    private int[] MatchingSlots(Filter? filter, CancellationToken cancellation)
    {
        if (filter?.RequiredId is { } id)
        {
            return _slotById.TryGetValue(id, out var slot) && filter.Matches(_metadata[slot]) ? [slot] : [];
        }

        var all = filter is null || filter.MatchesAll;
        var predicate = all ? null : RowPredicate.Bind(filter!.Root, name => _columns.GetValueOrDefault(name));
        var result = new List<int>(all ? _live : 64);
        var alive = _alive;
        for (var slot = 0; slot < _count; slot++)
        {
            if ((slot & 0xFFFF) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            if (alive[slot] && (predicate is null || predicate.Matches(slot)))
            {
                result.Add(slot);
            }
        }

        return [.. result];
    }

    // Callers hold the read lock: embeddings come from storage, the source of truth.
    private AgentDocument[] Materialize(int[] slots)
    {
        var d = Options.Dimension;
        var keys = slots.Select(s => _keys[s]).ToArray();
        var vectors = new float[slots.Length * d];
        _store.ReadEmbeddings(_record.Id, keys, vectors, d);
        var result = new AgentDocument[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            using var json = JsonDocument.Parse(_metadataJson[slots[i]]);
            result[i] = new AgentDocument(_ids[slots[i]], vectors.AsSpan(i * d, d).ToArray(), json.RootElement.Clone());
        }

        return result;
    }

    private ReadLockScope ReadLock()
    {
        ThrowIfDisposed();
        _lock.EnterReadLock();
        return new ReadLockScope(_lock);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private readonly struct ReadLockScope(ReaderWriterLockSlim rwLock) : IDisposable
    {
        public void Dispose() => rwLock.ExitReadLock();
    }
}
