using System.Text.Json;
using Microsoft.Data.Sqlite;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Music.Theory;

namespace Zordic.Server.Storage;

/// <summary>
/// The embedded project store: one SQLite database (WAL) in the data directory holding projects,
/// their op logs and their newest snapshots. A commit in WAL mode is in the log file before the call
/// returns, so an acknowledged op survives the process being killed; <c>synchronous=FULL</c> (the
/// <c>--durability full</c> option) also survives power loss, at the cost of an fsync per append.
/// </summary>
public sealed class SqliteProjectStore : IProjectStore
{
    readonly string _connectionString;
    readonly string _synchronous;

    public SqliteProjectStore(string dataDirectory, bool fullDurability = false)
    {
        Directory.CreateDirectory(dataDirectory);
        DatabasePath = Path.Combine(dataDirectory, "studio.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _synchronous = fullDurability ? "FULL" : "NORMAL";
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS projects (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                last_seq INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS ops (
                project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                op_id TEXT NOT NULL,
                session_id TEXT NOT NULL,
                session_seq INTEGER NOT NULL,
                body BLOB NOT NULL,
                PRIMARY KEY (project_id, seq)) WITHOUT ROWID;
            CREATE UNIQUE INDEX IF NOT EXISTS ops_by_op_id ON ops (project_id, op_id);
            CREATE INDEX IF NOT EXISTS ops_by_session ON ops (project_id, session_id, session_seq);
            CREATE TABLE IF NOT EXISTS snapshots (
                project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                state BLOB NOT NULL);
            """;
        command.ExecuteNonQuery();
        AddListingColumns(connection);
    }

    public string DatabasePath { get; }

    // The listing columns, added here for a new database and one from before the list showed tempo, key
    // and tracks alike; an old project's stay empty (null) until its next edit: filling them would mean
    // loading every document at start.
    static void AddListingColumns(SqliteConnection connection)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('projects')";
            using var reader = info.ExecuteReader();
            while (reader.Read()) columns.Add(reader.GetString(0));
        }
        foreach (var (column, type) in new[] { ("bpm", "REAL"), ("key", "TEXT"), ("tracks", "INTEGER") })
        {
            if (columns.Contains(column)) continue;
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE projects ADD COLUMN {column} {type}";
            alter.ExecuteNonQuery();
        }
    }

    const string ProjectColumns = "id, name, created_at, updated_at, last_seq, bpm, key, tracks";

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous = {_synchronous}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public async Task CreateAsync(ProjectInfo project, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO projects (id, name, created_at, updated_at, last_seq) VALUES ($id, $name, $created, $updated, 0)";
        command.Parameters.AddWithValue("$id", project.Id);
        command.Parameters.AddWithValue("$name", project.Name);
        command.Parameters.AddWithValue("$created", project.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$updated", project.UpdatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<ProjectInfo>> ListAsync(CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ProjectColumns} FROM projects ORDER BY updated_at DESC, id";
        return await ReadProjectsAsync(command, ct);
    }

    public async Task<ProjectInfo?> GetAsync(string projectId, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ProjectColumns} FROM projects WHERE id = $id";
        command.Parameters.AddWithValue("$id", projectId);
        return (await ReadProjectsAsync(command, ct)).FirstOrDefault();
    }

    static async Task<IReadOnlyList<ProjectInfo>> ReadProjectsAsync(SqliteCommand command, CancellationToken ct)
    {
        var projects = new List<ProjectInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            MusicalKey? key = !reader.IsDBNull(6) && MusicalKey.TryParse(reader.GetString(6), out var k) ? k : null;
            projects.Add(new ProjectInfo(reader.GetString(0), reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), key, reader.IsDBNull(7) ? null : reader.GetInt32(7)));
        }
        return projects;
    }

    public async Task<bool> DeleteAsync(string projectId, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM projects WHERE id = $id";
        command.Parameters.AddWithValue("$id", projectId);
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    public async Task<IReadOnlyList<long>> AppendAsync(string projectId, IReadOnlyList<CollaborativeOperation> ops, ProjectListing listing, CancellationToken ct)
    {
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        long last;
        await using (var reserve = connection.CreateCommand())
        {
            // Numbers come from the project row inside the transaction, so two writers can never share one.
            reserve.Transaction = transaction;
            reserve.CommandText = """
                UPDATE projects SET last_seq = last_seq + $n, name = $name, bpm = $bpm, key = $key, tracks = $tracks, updated_at = $now
                WHERE id = $id RETURNING last_seq
                """;
            reserve.Parameters.AddWithValue("$n", ops.Count);
            reserve.Parameters.AddWithValue("$name", listing.Name);
            reserve.Parameters.AddWithValue("$bpm", listing.Bpm);
            reserve.Parameters.AddWithValue("$key", listing.Key.ToString());
            reserve.Parameters.AddWithValue("$tracks", listing.TrackCount);
            reserve.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            reserve.Parameters.AddWithValue("$id", projectId);
            last = await reserve.ExecuteScalarAsync(ct) is long l ? l : throw new ProjectNotFoundException(projectId);
        }
        var sequences = new long[ops.Count];
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO ops (project_id, seq, op_id, session_id, session_seq, body) VALUES ($p, $seq, $op, $session, $sseq, $body)";
            var p = insert.Parameters.Add("$p", SqliteType.Text);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var op = insert.Parameters.Add("$op", SqliteType.Text);
            var session = insert.Parameters.Add("$session", SqliteType.Text);
            var sessionSeq = insert.Parameters.Add("$sseq", SqliteType.Integer);
            var body = insert.Parameters.Add("$body", SqliteType.Blob);
            p.Value = projectId;
            for (var i = 0; i < ops.Count; i++)
            {
                sequences[i] = last - ops.Count + 1 + i;
                seq.Value = sequences[i];
                op.Value = ops[i].OpId;
                session.Value = ops[i].SessionId;
                sessionSeq.Value = ops[i].Sequence;
                body.Value = CollabJson.Serialize(ops[i]);
                try
                {
                    await insert.ExecuteNonQueryAsync(ct);
                }
                catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteUniqueConstraint)
                {
                    throw new DuplicateOperationIdException(e); // the transaction rolls back as it is disposed
                }
            }
        }
        await transaction.CommitAsync(ct);
        return sequences;
    }

    public async Task<IReadOnlyList<LoggedOperation>> ReadAsync(string projectId, long afterSequence, int limit, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, body FROM ops WHERE project_id = $p AND seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$p", projectId);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadOpsAsync(command, ct);
    }

    public async Task<IReadOnlyList<LoggedOperation>> ReadMissingAsync(string projectId, VersionVector known, long afterSequence, int limit, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.seq, o.body FROM ops o LEFT JOIN json_each($known) k ON k.key = o.session_id
            WHERE o.project_id = $p AND o.seq > $after AND o.session_seq > COALESCE(k.value, 0)
            ORDER BY o.seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$p", projectId);
        command.Parameters.AddWithValue("$known", JsonSerializer.Serialize(known, CollabJson.Default.VersionVector));
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadOpsAsync(command, ct);
    }

    static async Task<IReadOnlyList<LoggedOperation>> ReadOpsAsync(SqliteCommand command, CancellationToken ct)
    {
        var ops = new List<LoggedOperation>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var body = (byte[])reader.GetValue(1);
            ops.Add(new LoggedOperation(reader.GetInt64(0), CollabJson.ParseOperation(body)));
        }
        return ops;
    }

    // SQLITE_CONSTRAINT_UNIQUE: the only unique index an append can hit is (project_id, op_id); seq is
    // reserved inside the transaction.
    const int SqliteUniqueConstraint = 2067;

    public async Task<IReadOnlyList<LoggedOperationId>> FindOperationsAsync(string projectId, IReadOnlyCollection<string> opIds, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT op_id, seq, session_id, session_seq FROM ops WHERE project_id = $p AND op_id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$p", projectId);
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(opIds));
        var found = new List<LoggedOperationId>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(new LoggedOperationId(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3)));
        return found;
    }

    public async Task<IReadOnlyDictionary<string, long>> SessionCountsAsync(string projectId, IReadOnlyCollection<string> sessionIds, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.value, (SELECT MAX(session_seq) FROM ops WHERE project_id = $p AND session_id = s.value)
            FROM json_each($sessions) s
            """;
        command.Parameters.AddWithValue("$p", projectId);
        command.Parameters.AddWithValue("$sessions", JsonSerializer.Serialize(sessionIds));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!reader.IsDBNull(1)) counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    public async Task SaveSnapshotAsync(string projectId, ProjectSnapshot snapshot, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO snapshots (project_id, seq, state) VALUES ($p, $seq, $state)
            ON CONFLICT (project_id) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE excluded.seq > snapshots.seq
            """;
        command.Parameters.AddWithValue("$p", projectId);
        command.Parameters.AddWithValue("$seq", snapshot.Sequence);
        command.Parameters.AddWithValue("$state", snapshot.State);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<ProjectSnapshot?> LoadSnapshotAsync(string projectId, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, state FROM snapshots WHERE project_id = $p";
        command.Parameters.AddWithValue("$p", projectId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ProjectSnapshot(reader.GetInt64(0), (byte[])reader.GetValue(1)) : null;
    }
}
