using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// <see cref="IResultStore"/> on JSON files (the embedded default):
/// <c>{root}/documents/{documentId}/document.json</c>, <c>pages/0001.json</c>, <c>runs/{runId}.json</c>.
/// Every write is atomic (<see cref="AtomicFile"/>); document updates hold a per-document lock, in this
/// process and across processes (an exclusively opened lock file).
/// </summary>
public sealed class FileResultStore : IResultStore
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public FileResultStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

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

    public async IAsyncEnumerable<DocumentRecord> ListDocumentsAsync(DocumentStatus? status = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(DocumentsRoot))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories(DocumentsRoot).Order(StringComparer.Ordinal))
        {
            var document = await ReadAsync<DocumentRecord>(Path.Combine(directory, "document.json"), cancellationToken).ConfigureAwait(false);
            if (document is not null && (status is null || document.Status == status))
            {
                yield return document;
            }
        }
    }

    private string DocumentDirectory(string documentId) => Path.Combine(DocumentsRoot, SafeName(documentId));

    private string DocumentPath(string documentId) => Path.Combine(DocumentDirectory(documentId), "document.json");

    private static async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.Asynchronous);
            return await JsonSerializer.DeserializeAsync<T>(stream, ResultJson.Options, cancellationToken).ConfigureAwait(false);
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
            throw new DocPipelineException("store.corrupt", $"Result file {path} is not valid JSON ({e.Message}); delete it and run the document again.", e);
        }
    }

    private static Task WriteAsync<T>(string path, T value, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(value, ResultJson.Indented), cancellationToken);

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
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
