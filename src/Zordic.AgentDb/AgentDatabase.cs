using System.Text.RegularExpressions;
using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Storage;

namespace Zordic.AgentDb;

/// <summary>
/// An embedded vector database in one directory: <c>agentdb.sqlite</c> (documents and exact vectors, the source
/// of truth) and <c>indexes/</c> (saved HNSW graphs, checked against the documents and rebuilt when stale).
/// Open it once per process and share it: it is thread-safe.
/// </summary>
public sealed partial class AgentDatabase : IAsyncDisposable
{
    private const string DatabaseFile = "agentdb.sqlite";
    private const string IndexFolder = "indexes";

    private readonly IDocumentStore _store;
    private readonly string _indexDirectory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, CollectionRecord> _records;
    private readonly Dictionary<string, AgentCollection> _open = new(StringComparer.Ordinal);
    private readonly AgentDatabaseOptions _options;
    private bool _disposed;

    private AgentDatabase(IDocumentStore store, string directory, IEnumerable<CollectionRecord> records, AgentDatabaseOptions options)
    {
        _store = store;
        _options = options;
        Directory = directory;
        _indexDirectory = Path.Combine(directory, IndexFolder);
        _records = records.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>The database directory.</summary>
    public string Directory { get; }

    /// <summary>Names of the collections that exist.</summary>
    public IReadOnlyList<string> CollectionNames
    {
        get
        {
            _gate.Wait();
            try
            {
                return [.. _records.Keys.Order(StringComparer.Ordinal)];
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Opens (creating if needed) the database in <paramref name="directory"/>.</summary>
    public static async Task<AgentDatabase> OpenAsync(string directory, AgentDatabaseOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new AgentDatabaseOptions();
        System.IO.Directory.CreateDirectory(directory);
        var store = await SqliteDocumentStore.OpenAsync(Path.Combine(directory, DatabaseFile), options.SynchronousCommit, cancellation).ConfigureAwait(false);
        try
        {
            var records = await store.LoadCollectionsAsync(cancellation).ConfigureAwait(false);
            return new AgentDatabase(store, directory, records, options);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The seed's <c>collection(name)</c>: an existing collection, or one of <see cref="ProductCollections"/>
    /// created on first use. Any other unknown name needs <see cref="GetOrCreateCollectionAsync"/>.
    /// </summary>
    public Task<AgentCollection> CollectionAsync(string name, CancellationToken cancellation = default) =>
        GetAsync(name, null, cancellation);

    /// <summary>
    /// The collection with this name, created with <paramref name="options"/> if it does not exist. Throws if it
    /// exists with a different dimension or metric.
    /// </summary>
    public Task<AgentCollection> GetOrCreateCollectionAsync(string name, CollectionOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return GetAsync(name, options, cancellation);
    }

    /// <summary>Closes every collection (saving their graphs) and the storage.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var collection in _open.Values)
            {
                await collection.DisposeAsync().ConfigureAwait(false);
            }

            await _store.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AgentCollection> GetAsync(string name, CollectionOptions? options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ValidName().IsMatch(name))
        {
            throw new AgentDbException($"collection name '{name}' is invalid: use 1-128 letters, digits, '_', '-' or '.'");
        }

        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_records.TryGetValue(name, out var record))
            {
                if (options is not null && (options.Dimension != record.Options.Dimension || options.Metric != record.Options.Metric))
                {
                    throw new AgentDbException(
                        $"collection '{name}' exists with dimension {record.Options.Dimension} and metric {record.Options.Metric}, not {options.Dimension} and {options.Metric}");
                }
            }
            else
            {
                options ??= ProductCollections.IsProductCollection(name)
                    ? ProductCollections.DefaultOptions with { Dimension = _options.ProductEmbeddingDimension }
                    : throw new AgentDbException($"collection '{name}' does not exist; create it with GetOrCreateCollectionAsync and its dimension");
                record = await _store.CreateCollectionAsync(name, options, cancellation).ConfigureAwait(false);
                _records[name] = record;
            }

            if (!_open.TryGetValue(name, out var collection))
            {
                collection = await AgentCollection.OpenAsync(_store, record, _indexDirectory, _options, cancellation).ConfigureAwait(false);
                _open[name] = collection;
            }

            return collection;
        }
        finally
        {
            _gate.Release();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    private static partial Regex ValidName();
}
