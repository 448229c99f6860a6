using System.Text;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// The file store's review-queue index: one row per document folder in <c>{root}/index.db</c> (SQLite, WAL mode), so
/// a queue page, a search or the schema list is one query instead of a read of every <c>document.json</c>.
/// The JSON files stay the records; the index is a cache of their queue facts and is never trusted blindly: each
/// request compares the folder names with the indexed ids and, for the lines it returns, each file's length and
/// write time with the row's, and re-reads what differs before answering. A missing index is built by a full scan.
/// Several processes may share it: short transactions and a busy timeout, and a failed index write never fails the
/// document write (the next request repairs the row).
/// </summary>
internal sealed class FileQueueIndex
{
    public const string FileName = "index.db";

    private const int SchemaVersion = 1;
    private const int WriteTimeoutSeconds = 1;
    private const int ReadTimeoutSeconds = 10;
    private const int BatchSize = 256;
    private const int MaxUnreadableListed = 100;
    private const int MaxRepairRounds = 3;

    /// <summary>How often a request also checks the file of every row (one stat per document), in milliseconds.</summary>
    private const long SweepIntervalMs = 5000;

    private const string Columns =
        "id, state, status, schema_name, source_name, updated_ms, updated_ticks, fields_to_review, fields_reviewed, reviewable, failed, " +
        "lease_expires_ms, page_count, etag, fields_stale, file_length, file_ticks, problem, fix, search";

    private readonly string _documentsRoot;
    private readonly Func<string, CancellationToken, Task<StoredDocumentEntry?>> _readEntry;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _create = new(1, 1);
    private long _lastSweepMs = long.MinValue / 2;

    /// <param name="readEntry">Reads one document folder (its full path) the way the store's scan does.</param>
    public FileQueueIndex(string root, string documentsRoot, Func<string, CancellationToken, Task<StoredDocumentEntry?>> readEntry, ILogger logger)
    {
        DatabasePath = Path.Combine(root, FileName);
        _documentsRoot = documentsRoot;
        _readEntry = readEntry;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
    }

    public string DatabasePath { get; }

    private enum RowState
    {
        Document = 0,
        Unreadable = 1,
        Empty = 2,
    }

    /// <summary>
    /// Keeps the row of a document just written in step. The document is already on disk, so this neither throws nor
    /// stops for cancellation (its busy timeout bounds it); a failure is logged and the next request repairs the row.
    /// </summary>
    public async Task OnWrittenAsync(DocumentRecord document, string path)
    {
        if (!File.Exists(DatabasePath))
        {
            return;
        }

        try
        {
            var file = new FileInfo(path);
            var row = Row.Of(new StoredDocumentEntry(document.DocumentId, path, document, null), file.Exists ? file.Length : -1, file.Exists ? file.LastWriteTimeUtc.Ticks : 0);
            await using var connection = await OpenAsync(WriteTimeoutSeconds, CancellationToken.None).ConfigureAwait(false);
            await WriteRowsAsync(connection, [row], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "The review-queue index {Index} was not updated for document {DocumentId}; the next queue request repairs it.", DatabasePath, document.DocumentId);
        }
    }

    public async Task<ReviewQueue> QueryAsync(ReviewQueueQuery query, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Continuation is { } token ? QueueKeyset.Parse(token) : (QueueKeyset?)null;
        await using var connection = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        List<Line> lines = [];
        for (var round = 0; round < MaxRepairRounds; round++)
        {
            lines = await SelectAsync(connection, query, after, DocumentQueueSummary.UnixMs(now), cancellationToken).ConfigureAwait(false);
            var stale = lines.Where(l => !l.MatchesFile(DocumentPath(l.Id))).Select(l => l.Id).ToList();
            if (stale.Count == 0)
            {
                break;
            }

            await ReindexAsync(connection, stale, cancellationToken).ConfigureAwait(false);
        }

        var truncated = lines.Count > query.Limit;
        var shown = truncated ? lines.Take(query.Limit).ToList() : lines;
        var (unreadable, records) = await UnreadableAsync(connection, cancellationToken).ConfigureAwait(false);
        return new ReviewQueue([.. shown.Select(l => l.ToItem(now))], truncated)
        {
            Continuation = truncated ? new QueueKeyset(shown[^1].UpdatedMs, shown[^1].Id).ToToken() : null,
            Unreadable = unreadable,
            UnreadableRecords = records,
        };
    }

    public async Task<IReadOnlyList<string>> ListSchemaNamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(schema_name) FROM documents WHERE state = 0 GROUP BY schema_name COLLATE NOCASE ORDER BY schema_name COLLATE NOCASE";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Builds the index again from the JSON files: every row is read from its <c>document.json</c>.</summary>
    public async Task<(int Indexed, int Unreadable)> RebuildAsync(CancellationToken cancellationToken)
    {
        await _create.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(ReadTimeoutSeconds, cancellationToken).ConfigureAwait(false);
            await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "DELETE FROM documents", cancellationToken).ConfigureAwait(false);
            var rows = await ReadFoldersAsync(FolderNames(), cancellationToken).ConfigureAwait(false);
            await WriteRowsAsync(connection, rows, cancellationToken).ConfigureAwait(false);
            return (rows.Count(r => r.State == RowState.Document), rows.Count(r => r.State == RowState.Unreadable));
        }
        finally
        {
            _create.Release();
        }
    }

    /// <summary>An open connection to an index that holds a row for every document folder now on disk.</summary>
    private async Task<SqliteConnection> ReadyAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenOrCreateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SynchronizeFoldersAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<SqliteConnection> OpenOrCreateAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(DatabasePath))
        {
            var connection = await OpenAsync(ReadTimeoutSeconds, cancellationToken).ConfigureAwait(false);
            if (await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false) == SchemaVersion)
            {
                return connection;
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await _create.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A deleted index.db must not be written through a pooled connection that still holds the old file open,
            // nor get the old file's write-ahead log replayed into the new one.
            SqliteConnection.ClearAllPools();
            if (!File.Exists(DatabasePath))
            {
                File.Delete(DatabasePath + "-wal");
                File.Delete(DatabasePath + "-shm");
            }

            var connection = await OpenAsync(ReadTimeoutSeconds, cancellationToken).ConfigureAwait(false);
            var version = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (version != SchemaVersion)
            {
                _logger.LogInformation("Building the review-queue index {Index} from the document files.", DatabasePath);
                if (version != 0)
                {
                    await ExecuteAsync(connection, "DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS meta;", cancellationToken).ConfigureAwait(false);
                }

                await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        finally
        {
            _create.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(int timeoutSeconds, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString) { DefaultTimeout = timeoutSeconds };
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {timeoutSeconds * 1000}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<long> CurrentVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'version'";
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string text && long.TryParse(text, out var version) ? version : 0;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private static async Task CreateSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS documents (
                id TEXT PRIMARY KEY NOT NULL,
                state INTEGER NOT NULL,
                status TEXT NOT NULL,
                schema_name TEXT NOT NULL,
                source_name TEXT NOT NULL,
                updated_ms INTEGER NOT NULL,
                updated_ticks INTEGER NOT NULL,
                fields_to_review INTEGER NOT NULL,
                fields_reviewed INTEGER NOT NULL,
                reviewable INTEGER NOT NULL,
                failed INTEGER NOT NULL,
                lease_expires_ms INTEGER,
                page_count INTEGER NOT NULL,
                etag TEXT NOT NULL,
                fields_stale INTEGER NOT NULL,
                file_length INTEGER NOT NULL,
                file_ticks INTEGER NOT NULL,
                problem TEXT,
                fix TEXT,
                search TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS documents_queue ON documents (updated_ms DESC, id);
            CREATE INDEX IF NOT EXISTS documents_files ON documents (state, id, file_length, file_ticks);
            INSERT OR REPLACE INTO meta (key, value) VALUES ('version', '{SchemaVersion}');
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds a row for each folder the index lacks, drops the rows of folders that are gone, re-checks unreadable and
    /// empty folders, and at most every <see cref="SweepIntervalMs"/> re-reads every <c>document.json</c> whose length or
    /// write time is not its row's: a file edited, broken or restored behind the index's back is found even when it is
    /// not on the page asked for (the lines a request returns are checked on every request).
    /// </summary>
    private async Task SynchronizeFoldersAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var onDisk = FolderNames().ToHashSet(StringComparer.Ordinal);
        var indexed = new Dictionary<string, (RowState State, long Length, long Ticks)>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, state, file_length, file_ticks FROM documents";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                indexed[reader.GetString(0)] = ((RowState)reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        var gone = indexed.Keys.Where(id => !onDisk.Contains(id)).ToList();
        var toRead = onDisk.Where(id => !indexed.ContainsKey(id)).ToList();
        var sweep = Environment.TickCount64 - Interlocked.Read(ref _lastSweepMs) >= SweepIntervalMs;
        if (sweep)
        {
            Interlocked.Exchange(ref _lastSweepMs, Environment.TickCount64);
        }

        toRead.AddRange(indexed
            .Where(r => onDisk.Contains(r.Key) && (sweep || r.Value.State != RowState.Document) && !FileMatches(DocumentPath(r.Key), r.Value.Length, r.Value.Ticks))
            .Select(r => r.Key));
        if (gone.Count > 0)
        {
            await DeleteRowsAsync(connection, gone, cancellationToken).ConfigureAwait(false);
        }

        if (toRead.Count > 0)
        {
            await ReindexAsync(connection, toRead, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReindexAsync(SqliteConnection connection, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        _logger.LogDebug("Re-indexing {Count} document folders in {Index}.", ids.Count, DatabasePath);
        var rows = await ReadFoldersAsync(ids, cancellationToken).ConfigureAwait(false);
        await WriteRowsAsync(connection, rows, cancellationToken).ConfigureAwait(false);
        var vanished = ids.Except(rows.Select(r => r.Id), StringComparer.Ordinal).ToList();
        if (vanished.Count > 0)
        {
            await DeleteRowsAsync(connection, vanished, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<Row>> ReadFoldersAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        foreach (var id in ids)
        {
            var directory = Path.Combine(_documentsRoot, id);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            // The file's stamp is taken before it is read: a write in between leaves a row that the next check re-reads.
            var file = new FileInfo(Path.Combine(directory, "document.json"));
            var (length, ticks) = file.Exists ? (file.Length, file.LastWriteTimeUtc.Ticks) : (-1L, 0L);
            var entry = await _readEntry(directory, cancellationToken).ConfigureAwait(false);
            rows.Add(entry is null ? Row.EmptyFolder(id) : Row.Of(entry, length, ticks));
        }

        return rows;
    }

    private static async Task WriteRowsAsync(SqliteConnection connection, IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT OR REPLACE INTO documents ({Columns}) VALUES ({string.Join(", ", Columns.Split(", ").Select(c => "$" + c))})";
            var parameters = Columns.Split(", ").ToDictionary(c => c, c => command.Parameters.Add(new SqliteParameter("$" + c, null)));
            foreach (var row in rows.Skip(start).Take(BatchSize))
            {
                row.Bind(parameters);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DeleteRowsAsync(SqliteConnection connection, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM documents WHERE id = $id";
        var id = command.Parameters.Add(new SqliteParameter("$id", null));
        foreach (var each in ids)
        {
            id.Value = each;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<Line>> SelectAsync(SqliteConnection connection, ReviewQueueQuery query, QueueKeyset? after, long nowMs, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var where = new StringBuilder("state = 0");
        where.Append(query.View switch
        {
            ReviewQueueView.NeedsReview => " AND reviewable = 1 AND status <> $reviewed AND status <> $failed AND fields_to_review > 0",
            ReviewQueueView.Failed => " AND failed = 1",
            ReviewQueueView.Reviewed => " AND status = $reviewed",
            _ => "",
        });
        command.Parameters.AddWithValue("$reviewed", WireStatus(DocumentStatus.Reviewed));
        command.Parameters.AddWithValue("$failed", WireStatus(DocumentStatus.Failed));
        command.Parameters.AddWithValue("$now", nowMs);
        if (query.Schema is { } schema)
        {
            where.Append(" AND schema_name = $schema COLLATE NOCASE");
            command.Parameters.AddWithValue("$schema", schema);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            where.Append(@" AND search LIKE $search ESCAPE '\'");
            command.Parameters.AddWithValue("$search", "%" + EscapeLike(query.Search.Trim().ToLowerInvariant()) + "%");
        }

        if (after is { } keyset)
        {
            where.Append(" AND (updated_ms < $afterMs OR (updated_ms = $afterMs AND id > $afterId))");
            command.Parameters.AddWithValue("$afterMs", keyset.UpdatedMs);
            command.Parameters.AddWithValue("$afterId", keyset.DocumentId);
        }

        command.CommandText =
            "SELECT id, status, schema_name, source_name, updated_ms, updated_ticks, fields_to_review, fields_reviewed, page_count, etag, fields_stale, " +
            $"lease_expires_ms, file_length, file_ticks FROM documents WHERE {where} ORDER BY updated_ms DESC, id LIMIT $take";
        command.Parameters.AddWithValue("$take", query.Limit + 1);
        var lines = new List<Line>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lines.Add(new Line(
                reader.GetString(0),
                ParseStatus(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4),
                new DateTime(reader.GetInt64(5), DateTimeKind.Utc),
                reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetInt32(8),
                reader.GetString(9),
                reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetInt64(11),
                reader.GetInt64(12),
                reader.GetInt64(13)));
        }

        return lines;
    }

    private static async Task<(int Count, IReadOnlyList<UnreadableRecord> Records)> UnreadableAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM documents WHERE state = 1; SELECT id, problem, fix FROM documents WHERE state = 1 ORDER BY id LIMIT $max";
        command.Parameters.AddWithValue("$max", MaxUnreadableListed);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var count = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt32(0) : 0;
        var records = new List<UnreadableRecord>();
        if (count > 0 && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(new UnreadableRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        return (count, records);
    }

    private static Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return Run(command, cancellationToken);

        static async Task Run(SqliteCommand command, CancellationToken cancellationToken)
        {
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private IEnumerable<string> FolderNames() =>
        Directory.Exists(_documentsRoot) ? Directory.EnumerateDirectories(_documentsRoot).Select(d => Path.GetFileName(d)) : [];

    private string DocumentPath(string id) => Path.Combine(_documentsRoot, id, "document.json");

    private static bool FileMatches(string path, long length, long ticks)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length == length && file.LastWriteTimeUtc.Ticks == ticks : length < 0;
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static string WireStatus(DocumentStatus status) => JsonSerializer.SerializeToElement(status, ResultJson.Options).GetString()!;

    private static DocumentStatus ParseStatus(string wire) => JsonSerializer.Deserialize<DocumentStatus>($"\"{wire}\"", ResultJson.Options);

    /// <summary>One line a query returned, with the file stamp it was indexed from.</summary>
    private sealed record Line(
        string Id, DocumentStatus Status, string Schema, string Source, long UpdatedMs, DateTime UpdatedAt, int FieldsToReview, int FieldsReviewed,
        int PageCount, string ETag, int FieldsStale, long? LeaseExpiresMs, long FileLength, long FileTicks)
    {
        public bool MatchesFile(string path) => FileMatches(path, FileLength, FileTicks);

        public ReviewQueueItem ToItem(DateTime now) =>
            new(Id, Source, Schema, Status, FieldsToReview > 0, FieldsToReview, FieldsReviewed, PageCount, UpdatedAt, ETag)
            {
                Interrupted = LeaseExpiresMs is { } expires && expires <= DocumentQueueSummary.UnixMs(now),
                FieldsStale = FieldsStale,
            };
    }

    /// <summary>What the index holds for one document folder.</summary>
    private sealed record Row(string Id, RowState State, long FileLength, long FileTicks)
    {
        public DocumentRecord? Document { get; init; }

        public string? Problem { get; init; }

        public string? Fix { get; init; }

        public static Row EmptyFolder(string id) => new(id, RowState.Empty, -1, 0);

        public static Row Of(StoredDocumentEntry entry, long length, long ticks)
        {
            if (entry.Record is { } document)
            {
                return new Row(entry.DocumentId, RowState.Document, length, ticks) { Document = document };
            }

            var (problem, fix) = Split(entry.Problem?.Message ?? $"Document {entry.DocumentId} cannot be read.");
            return new Row(entry.DocumentId, RowState.Unreadable, length, ticks) { Problem = problem, Fix = fix };
        }

        public void Bind(IReadOnlyDictionary<string, SqliteParameter> p)
        {
            var d = Document;
            var summary = d is null ? null : d.Queue ?? DocumentQueueSummary.Of(d);
            p["id"].Value = Id;
            p["state"].Value = (int)State;
            p["status"].Value = d is null ? "" : WireStatus(d.Status);
            p["schema_name"].Value = d?.Schema.Name ?? "";
            p["source_name"].Value = d?.Source.Name ?? "";
            p["updated_ms"].Value = summary?.UpdatedMs ?? 0;
            p["updated_ticks"].Value = d?.UpdatedAt.Ticks ?? 0;
            p["fields_to_review"].Value = summary?.FieldsToReview ?? 0;
            p["fields_reviewed"].Value = summary?.FieldsReviewed ?? 0;
            p["reviewable"].Value = summary?.Reviewable == true ? 1 : 0;
            p["failed"].Value = summary?.Failed == true ? 1 : 0;
            p["lease_expires_ms"].Value = summary?.LeaseExpiresMs is { } lease ? lease : DBNull.Value;
            p["page_count"].Value = d?.PageCount ?? 0;
            p["etag"].Value = d is null ? "" : DocumentETag.Of(d);
            p["fields_stale"].Value = d?.Review?.FieldsStale ?? 0;
            p["file_length"].Value = FileLength;
            p["file_ticks"].Value = FileTicks;
            p["problem"].Value = (object?)Problem ?? DBNull.Value;
            p["fix"].Value = (object?)Fix ?? DBNull.Value;
            p["search"].Value = summary?.Search ?? "";
        }

        /// <summary>The store's corrupt-file messages end in "To fix it, …": the queue shows the two parts apart.</summary>
        private static (string Problem, string Fix) Split(string message)
        {
            const string marker = " To fix it, ";
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            return at < 0
                ? (message, "Repair or restore the document's document.json, or run its source again (docpipe extract); then run docpipe results reindex.")
                : (message[..at], char.ToUpperInvariant(message[at + marker.Length]) + message[(at + marker.Length + 1)..]);
        }
    }
}
