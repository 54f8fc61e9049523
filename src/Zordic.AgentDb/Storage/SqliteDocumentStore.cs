using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Zordic.AgentDb.Storage;

/// <summary>
/// Documents in one SQLite file in WAL mode: a table per collection (<c>docs_&lt;id&gt;</c>) with an
/// AUTOINCREMENT key, so keys are never reused and the ANN index can be checked against them. One writer
/// connection (SQLite has one writer anyway), a small pool of reader connections for re-ranking.
/// With <c>synchronous=FULL</c> a commit is on disk when it returns: that is when an insert is acknowledged.
/// </summary>
internal sealed class SqliteDocumentStore : IDocumentStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentBag<ReaderConnection> _readers = [];

    private SqliteDocumentStore(string connectionString, SqliteConnection writer)
    {
        _connectionString = connectionString;
        _writer = writer;
    }

    public static async Task<SqliteDocumentStore> OpenAsync(string path, bool synchronousFull, CancellationToken cancellation)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync(cancellation).ConfigureAwait(false);
        await ExecuteAsync(writer, $"""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous={(synchronousFull ? "FULL" : "NORMAL")};
            PRAGMA busy_timeout=10000;
            CREATE TABLE IF NOT EXISTS collections(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE,
                dimension INTEGER NOT NULL,
                metric TEXT NOT NULL,
                quantization TEXT NOT NULL,
                connectivity INTEGER NOT NULL,
                expansion_add INTEGER NOT NULL,
                target_recall REAL NOT NULL,
                exact_scan_work INTEGER NOT NULL);
            """, cancellation).ConfigureAwait(false);
        return new SqliteDocumentStore(connectionString, writer);
    }

    public async Task<IReadOnlyList<CollectionRecord>> LoadCollectionsAsync(CancellationToken cancellation)
    {
        await _writeLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            using var command = _writer.CreateCommand();
            command.CommandText = "SELECT id, name, dimension, metric, quantization, connectivity, expansion_add, target_recall, exact_scan_work FROM collections ORDER BY id";
            using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            var result = new List<CollectionRecord>();
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            {
                var options = new CollectionOptions(reader.GetInt32(2), Enum.Parse<DistanceMetric>(reader.GetString(3)))
                {
                    Quantization = Enum.Parse<Quantization>(reader.GetString(4)),
                    Connectivity = reader.GetInt32(5),
                    ExpansionAdd = reader.GetInt32(6),
                    TargetRecall = reader.GetDouble(7),
                    ExactScanWork = reader.GetInt64(8),
                };
                result.Add(new CollectionRecord(reader.GetInt64(0), reader.GetString(1), options));
            }

            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<CollectionRecord> CreateCollectionAsync(string name, CollectionOptions options, CancellationToken cancellation)
    {
        await _writeLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            using var transaction = _writer.BeginTransaction();
            using var insert = _writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO collections(name, dimension, metric, quantization, connectivity, expansion_add, target_recall, exact_scan_work)
                VALUES ($name, $dimension, $metric, $quantization, $connectivity, $expansion, $recall, $work) RETURNING id
                """;
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$dimension", options.Dimension);
            insert.Parameters.AddWithValue("$metric", options.Metric.ToString());
            insert.Parameters.AddWithValue("$quantization", options.Quantization.ToString());
            insert.Parameters.AddWithValue("$connectivity", options.Connectivity);
            insert.Parameters.AddWithValue("$expansion", options.ExpansionAdd);
            insert.Parameters.AddWithValue("$recall", options.TargetRecall);
            insert.Parameters.AddWithValue("$work", options.ExactScanWork);
            var id = (long)(await insert.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!;
            using var create = _writer.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = $"""
                CREATE TABLE {Table(id)}(
                    key INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    metadata TEXT NOT NULL,
                    embedding BLOB NOT NULL)
                """;
            await create.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
            transaction.Commit();
            return new CollectionRecord(id, name, options);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public IEnumerable<StoredDocument> ReadAll(long collectionId, CancellationToken cancellation)
    {
        var connection = RentReader();
        try
        {
            using var command = connection.Connection.CreateCommand();
            command.CommandText = $"SELECT key, id, metadata, embedding FROM {Table(collectionId)} ORDER BY key";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellation.ThrowIfCancellationRequested();
                var blob = (byte[])reader.GetValue(3);
                yield return new StoredDocument(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), MemoryMarshal.Cast<byte, float>(blob).ToArray());
            }
        }
        finally
        {
            _readers.Add(connection);
        }
    }

    public async Task<long[]> WriteAsync(long collectionId, IReadOnlyList<PendingDocument> documents, IReadOnlyList<long> deleteKeys, CancellationToken cancellation)
    {
        await _writeLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            cancellation.ThrowIfCancellationRequested();
            var keys = new long[documents.Count];
            using var transaction = _writer.BeginTransaction();
            if (deleteKeys.Count > 0)
            {
                using var delete = _writer.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = $"DELETE FROM {Table(collectionId)} WHERE key = $key";
                var key = delete.Parameters.Add("$key", SqliteType.Integer);
                foreach (var k in deleteKeys)
                {
                    key.Value = k;
                    delete.ExecuteNonQuery();
                }
            }

            if (documents.Count > 0)
            {
                using var insert = _writer.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO {Table(collectionId)}(id, metadata, embedding) VALUES ($id, $metadata, $embedding) RETURNING key";
                var id = insert.Parameters.Add("$id", SqliteType.Text);
                var metadata = insert.Parameters.Add("$metadata", SqliteType.Text);
                var embedding = insert.Parameters.Add("$embedding", SqliteType.Blob);
                insert.Prepare();
                for (var i = 0; i < documents.Count; i++)
                {
                    id.Value = documents[i].Id;
                    metadata.Value = documents[i].MetadataJson;
                    embedding.Value = MemoryMarshal.AsBytes(documents[i].Embedding.AsSpan()).ToArray();
                    keys[i] = (long)insert.ExecuteScalar()!;
                }
            }

            // Past this point the write is committed: cancelling would lie about what happened.
            transaction.Commit();
            return keys;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new AgentDbException($"storage refused the write (constraint): {e.Message}", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void ReadEmbeddings(long collectionId, ReadOnlySpan<long> keys, Span<float> destination, int dimension)
    {
        if (keys.Length == 0)
        {
            return;
        }

        // One prepared statement per reader connection and collection; the keys travel as one JSON array,
        // so re-ranking 40 candidates costs one statement execution, not 40 or a fresh parse.
        var position = new Dictionary<long, int>(keys.Length);
        var json = new StringBuilder(keys.Length * 8).Append('[');
        for (var i = 0; i < keys.Length; i++)
        {
            position[keys[i]] = i;
            json.Append(i == 0 ? "" : ",").Append(keys[i].ToString(CultureInfo.InvariantCulture));
        }

        json.Append(']');
        var connection = RentReader();
        try
        {
            var command = connection.EmbeddingsQuery(collectionId);
            command.Parameters[0].Value = json.ToString();
            using var reader = command.ExecuteReader();
            var bytes = new byte[dimension * sizeof(float)];
            while (reader.Read())
            {
                var at = position[reader.GetInt64(0)];
                reader.GetBytes(1, 0, bytes, 0, bytes.Length);
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination.Slice(at * dimension, dimension));
            }
        }
        finally
        {
            _readers.Add(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            while (_readers.TryTake(out var reader))
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static string Table(long collectionId) => $"docs_{collectionId.ToString(CultureInfo.InvariantCulture)}";

    private ReaderConnection RentReader() => _readers.TryTake(out var reader) ? reader : new ReaderConnection(_connectionString);

    /// <summary>A read connection with its prepared statements (SQLite statements belong to one connection).</summary>
    private sealed class ReaderConnection : IAsyncDisposable
    {
        private readonly Dictionary<long, SqliteCommand> _embeddings = [];

        public ReaderConnection(string connectionString)
        {
            Connection = new SqliteConnection(connectionString);
            Connection.Open();
            using var pragma = Connection.CreateCommand();
            // Re-ranking reads a few dozen rows per query: memory-mapped reads skip a read() system call and a
            // copy per page (the pages live in the OS cache, shared and evictable, not in this process's heap).
            pragma.CommandText = "PRAGMA busy_timeout=10000; PRAGMA mmap_size=1073741824;";
            pragma.ExecuteNonQuery();
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand EmbeddingsQuery(long collectionId)
        {
            if (!_embeddings.TryGetValue(collectionId, out var command))
            {
                command = Connection.CreateCommand();
                command.CommandText = $"SELECT key, embedding FROM {Table(collectionId)} WHERE key IN (SELECT value FROM json_each($keys))";
                command.Parameters.Add("$keys", SqliteType.Text);
                command.Prepare();
                _embeddings[collectionId] = command;
            }

            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _embeddings.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }

            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellation)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }
}
