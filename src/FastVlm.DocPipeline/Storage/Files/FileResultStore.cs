using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// <see cref="IResultStore"/> on JSON files (the embedded default):
/// <c>{root}/documents/{documentId}/document.json</c>, <c>review.json</c> (reviewers' decisions, never written by a
/// run), <c>pages/0001.json</c>, <c>runs/{runId}.json</c>.
/// Every write is atomic (<see cref="AtomicFile"/>); document updates hold a per-document lock, in this
/// process and across processes (an exclusively opened lock file).
/// The review queue is answered from an index beside the files (<see cref="FileQueueIndex"/>, <c>{root}/index.db</c>).
/// </summary>
public sealed class FileResultStore : IResultStore, IReviewQueueSource
{
    /// <summary>The code of a result file that cannot be read.</summary>
    public const string CorruptCode = "store.corrupt";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    private readonly FileQueueIndex _index;

    public FileResultStore(string root, ILogger<FileResultStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _index = new FileQueueIndex(Root, DocumentsRoot, ReadEntryAsync, (ILogger?)logger ?? NullLogger.Instance);
    }

    public string Root { get; }

    /// <summary>The review-queue index file, <c>{root}/index.db</c>.</summary>
    public string IndexPath => _index.DatabasePath;

    public Task<ReviewQueue> QueryQueueAsync(ReviewQueueQuery query, DateTime now, CancellationToken cancellationToken = default) =>
        _index.QueryAsync(query, now, cancellationToken);

    public Task<IReadOnlyList<string>> ListSchemaNamesAsync(CancellationToken cancellationToken = default) =>
        _index.ListSchemaNamesAsync(cancellationToken);

    /// <summary>Builds the review-queue index again from the document files (<c>docpipe results reindex</c>).</summary>
    public Task<(int Indexed, int Unreadable)> ReindexAsync(CancellationToken cancellationToken = default) =>
        _index.RebuildAsync(cancellationToken);

    private string DocumentsRoot => Path.Combine(Root, "documents");

    public async Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) =>
        await ReadAsync<DocumentRecord>(DocumentPath(documentId), cancellationToken).ConfigureAwait(false);

    public async Task<DocumentRecord> UpdateDocumentAsync(string documentId, Func<DocumentRecord?, DocumentRecord> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var path = DocumentPath(documentId);
        var gate = _locks.GetOrAdd(documentId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var fileLock = await AcquireFileLockAsync(Path.Combine(Path.GetDirectoryName(path)!, ".lock"), cancellationToken).ConfigureAwait(false);
            var current = await ReadAsync<DocumentRecord>(path, cancellationToken).ConfigureAwait(false);
            var updated = update(current);
            if (DocumentTransitionGuard.Decide(documentId, current, updated) != DocumentTransition.Write)
            {
                return current!;
            }

            updated = DocumentTransitionGuard.ForWrite(updated);
            await WriteAsync(path, updated, cancellationToken).ConfigureAwait(false);
            await OnDocumentWrittenAsync(updated, path).ConfigureAwait(false);
            return updated;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<ReviewRecord?> GetReviewAsync(string documentId, CancellationToken cancellationToken = default) =>
        await ReadAsync<ReviewRecord>(ReviewPath(documentId), cancellationToken).ConfigureAwait(false);

    public async Task<ReviewRecord> UpdateReviewAsync(string documentId, Func<ReviewRecord?, ReviewRecord> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var path = ReviewPath(documentId);
        var gate = _locks.GetOrAdd(documentId + ":review", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var fileLock = await AcquireFileLockAsync(Path.Combine(Path.GetDirectoryName(path)!, ".review.lock"), cancellationToken).ConfigureAwait(false);
            var current = await ReadAsync<ReviewRecord>(path, cancellationToken).ConfigureAwait(false);
            var updated = update(current);
            if (ReferenceEquals(updated, current))
            {
                return current!;
            }

            ReviewAppendGuard.Check(documentId, current, updated);
            await WriteAsync(path, updated, cancellationToken).ConfigureAwait(false);
            return updated;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<PageRecord>> GetPagesAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(DocumentDirectory(documentId), "pages");
        var pages = new List<PageRecord>();
        if (!Directory.Exists(directory))
        {
            return pages;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            if (await ReadAsync<PageRecord>(file, cancellationToken).ConfigureAwait(false) is { } page)
            {
                pages.Add(page);
            }
        }

        return pages.OrderBy(p => p.Page).ToArray();
    }

    public Task UpsertPageAsync(PageRecord page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(page.Page);
        return WriteAsync(Path.Combine(DocumentDirectory(page.DocumentId), "pages", $"{page.Page:D4}.json"), page, cancellationToken);
    }

    public Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WriteAsync(Path.Combine(DocumentDirectory(run.DocumentId), "runs", $"{SafeName(run.RunId)}.json"), run, cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> GetRunsAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(DocumentDirectory(documentId), "runs");
        var runs = new List<RunRecord>();
        if (!Directory.Exists(directory))
        {
            return runs;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            if (await ReadAsync<RunRecord>(file, cancellationToken).ConfigureAwait(false) is { } run)
            {
                runs.Add(run);
            }
        }

        return runs.OrderBy(r => r.StartedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToArray();
    }

    public async IAsyncEnumerable<DocumentRecord> FindReviewedBySourceAsync(string sha256, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        if (!Directory.Exists(DocumentsRoot))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories(DocumentsRoot).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(directory, "review.json")))
            {
                continue;
            }

            DocumentRecord? document = null;
            try
            {
                document = await ReadAsync<DocumentRecord>(Path.Combine(directory, "document.json"), cancellationToken).ConfigureAwait(false);
            }
            catch (DocPipelineException e) when (e.Code == CorruptCode)
            {
            }

            if (document is not null && string.Equals(document.Source.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
            {
                yield return document;
            }
        }
    }

    /// <summary>The readable documents; a corrupt <c>document.json</c> is left out (<see cref="ScanDocumentsAsync"/> names it).</summary>
    public async IAsyncEnumerable<DocumentRecord> ListDocumentsAsync(DocumentStatus? status = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in ScanDocumentsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entry.Record is { } document && (status is null || document.Status == status))
            {
                yield return document;
            }
        }
    }

    /// <summary>
    /// Every document folder in id order, each with its record or the reason it cannot be read; one corrupt
    /// file never hides the others. <paramref name="idPrefix"/> limits the scan to ids starting with it (case-insensitive)
    /// without reading the others.
    /// </summary>
    public async IAsyncEnumerable<StoredDocumentEntry> ScanDocumentsAsync(string? idPrefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(DocumentsRoot))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories(DocumentsRoot).Order(StringComparer.Ordinal))
        {
            if (idPrefix is not null && !Path.GetFileName(directory).StartsWith(idPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (await ReadEntryAsync(directory, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                yield return entry;
            }
        }
    }

    /// <summary>One document folder: its record, or why it cannot be read; null for a folder with neither document.json nor review.json.</summary>
    private static async Task<StoredDocumentEntry?> ReadEntryAsync(string directory, CancellationToken cancellationToken)
    {
        var id = Path.GetFileName(directory);
        var path = Path.Combine(directory, "document.json");
        DocumentRecord? document = null;
        DocPipelineException? problem = null;
        try
        {
            document = await ReadAsync<DocumentRecord>(path, cancellationToken).ConfigureAwait(false);
        }
        catch (DocPipelineException e) when (e.Code == CorruptCode)
        {
            problem = e;
        }

        if (problem is not null)
        {
            return new StoredDocumentEntry(id, path, null, problem);
        }

        if (document is not null && document.DocumentId != id)
        {
            return new StoredDocumentEntry(id, path, null, Corrupt(path, $"its documentId '{document.DocumentId}' is not its folder's name '{id}'", null));
        }

        if (document is not null)
        {
            return new StoredDocumentEntry(id, path, document, null);
        }

        return File.Exists(Path.Combine(directory, "review.json"))
            ? new StoredDocumentEntry(id, path, null, new DocPipelineException(
                CorruptCode,
                $"Document {id} has reviewers' decisions (review.json) but no document.json. To fix it, run its source again (docpipe extract): the run writes document.json and keeps the review."))
            : null;
    }

    private string DocumentDirectory(string documentId) => Path.Combine(DocumentsRoot, SafeName(documentId));

    private string DocumentPath(string documentId) => Path.Combine(DocumentDirectory(documentId), "document.json");

    private string ReviewPath(string documentId) => Path.Combine(DocumentDirectory(documentId), "review.json");

    /// <summary>
    /// Called under the document's lock after each document write: keeps the queue index in step. The write has
    /// happened, so cancellation no longer applies; the index write is bounded by its busy timeout.
    /// </summary>
    private Task OnDocumentWrittenAsync(DocumentRecord document, string path) => _index.OnWrittenAsync(document, path);

    private static async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.Asynchronous);
            return Validated(await JsonSerializer.DeserializeAsync<T>(stream, ResultJson.Options, cancellationToken).ConfigureAwait(false), path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"it is not valid JSON ({e.Message})", e);
        }
    }

    private static T? Validated<T>(T? record, string path)
        where T : class =>
        record is not null && StoredRecordCheck.Problem(record) is { } problem ? throw Corrupt(path, problem, null) : record;

    private static DocPipelineException Corrupt(string path, string why, Exception? inner)
    {
        var fix = Path.GetFileName(path) switch
        {
            "document.json" => $"delete only {path} and run its source again (docpipe extract); keep the folder, whose review.json holds reviewers' decisions",
            "review.json" => $"restore {path} from a backup; do not delete it, it holds reviewers' decisions, which nothing else records",
            _ => $"delete {path} and run the document again with --force",
        };
        return new DocPipelineException(CorruptCode, $"Result file {path} cannot be read: {why}. To fix it, {fix}.", inner);
    }

    private static Task WriteAsync<T>(string path, T value, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(value, ResultJson.Indented), cancellationToken);

    /// <exception cref="DocumentLockedException">Another process kept the lock for the whole bounded wait (about 3 s).</exception>
    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(3);
        var retry = TimeSpan.FromMilliseconds(50);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) >= wait)
                {
                    throw new DocumentLockedException(Path.GetFileName(Path.GetDirectoryName(path)!), wait, e);
                }

                await Task.Delay(retry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ids become file names: anything but letters, digits, '-', '_' and '.' is refused.</summary>
    private static string SafeName(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id is "." or ".." || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"'{id}' cannot be used as a file name in the result store.", nameof(id));
        }

        return id;
    }
}
