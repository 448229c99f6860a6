using System.Diagnostics;
using System.Security.Cryptography;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// The activities of <see cref="DocumentWorkflow"/>: every bit of real work (reading, rendering, the model,
/// the store). Hosts call these methods from their activity functions; inputs and outputs serialise to JSON.
/// </summary>
public sealed class DocumentActivities
{
    private readonly IDocumentSource _source;
    private readonly IDocumentRasterizer _rasterizer;
    private readonly Func<CancellationToken, ValueTask<IDocumentVisionModel>> _model;
    private readonly IResultStore _results;
    private readonly IPageImageStore _images;
    private readonly DocumentActivitiesOptions _options;

    public DocumentActivities(
        IDocumentSource source,
        IDocumentRasterizer rasterizer,
        IDocumentVisionModel model,
        IResultStore results,
        IPageImageStore images,
        DocumentActivitiesOptions? options = null)
        : this(source, rasterizer, _ => ValueTask.FromResult(model), results, images, options)
    {
        ArgumentNullException.ThrowIfNull(model);
    }

    /// <summary>Takes the model as a factory, so hosts load it only when a page actually needs it.</summary>
    public DocumentActivities(
        IDocumentSource source,
        IDocumentRasterizer rasterizer,
        Func<CancellationToken, ValueTask<IDocumentVisionModel>> model,
        IResultStore results,
        IPageImageStore images,
        DocumentActivitiesOptions? options = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _rasterizer = rasterizer ?? throw new ArgumentNullException(nameof(rasterizer));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _results = results ?? throw new ArgumentNullException(nameof(results));
        _images = images ?? throw new ArgumentNullException(nameof(images));
        _options = options ?? new DocumentActivitiesOptions();
    }

    /// <summary>
    /// Hashes the source (streaming), derives the document id, makes the run id, registers the document
    /// (status rasterizing, a run record) and reports the pages earlier runs finished.
    /// </summary>
    public async Task<PrepareDocumentOutput> PrepareDocumentAsync(PrepareDocumentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        SourceInfo info;
        using (var document = await _source.OpenAsync(input.SourceName, cancellationToken).ConfigureAwait(false))
        {
            info = document.Info;
            if (string.IsNullOrEmpty(info.Sha256))
            {
                var (sha256, size) = await HashAsync(document.Content, cancellationToken).ConfigureAwait(false);
                info = info with { Sha256 = sha256, Size = size };
            }
        }

        var documentId = DocumentIdentity.Compute(info.Sha256, input.Schema.Name, input.Schema.Version);
        var now = _options.TimeProvider.GetUtcNow().UtcDateTime;
        var runId = input.RunId ?? NewRunId(now);

        var existing = await _results.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<int> donePages = [];
        if (!input.Force && existing is not null)
        {
            var pages = await _results.GetPagesAsync(documentId, cancellationToken).ConfigureAwait(false);
            donePages = pages.Where(p => p.Status == PageStatuses.Done).Select(p => p.Page).Order().ToArray();
        }

        await _results.UpdateDocumentAsync(
            documentId,
            current => (current ?? NewDocument(documentId, runId, info, input.Schema, now)) with
            {
                RunId = runId,
                Source = info,
                Schema = input.Schema,
                Status = DocumentStatus.Rasterizing,
                Error = null,
                UpdatedAt = now,
            },
            cancellationToken).ConfigureAwait(false);
        await _results.UpsertRunAsync(
            new RunRecord
            {
                Id = RunRecord.MakeId(documentId, runId),
                DocumentId = documentId,
                RunId = runId,
                Status = DocumentStatus.Rasterizing,
                StartedAt = input.StartedAt,
                Forced = input.Force,
            },
            cancellationToken).ConfigureAwait(false);

        var knownPageCount = existing is { PageCount: > 0 } ? existing.PageCount : (int?)null;
        return new PrepareDocumentOutput(documentId, runId, info, knownPageCount, donePages);
    }

    /// <summary>
    /// Renders a chunk of pages, stores each as PNG and keeps its pixels in the page cache; the first chunk
    /// also records the page count and moves the document to <c>extracting</c>.
    /// </summary>
    public async Task<RasterizePagesOutput> RasterizePagesAsync(RasterizePagesInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stopwatch = Stopwatch.StartNew();
        using var source = await _source.OpenAsync(input.SourceName, cancellationToken).ConfigureAwait(false);
        using var document = await _rasterizer.OpenAsync(source.Content, input.SourceName, _options.Rasterization, cancellationToken).ConfigureAwait(false);
        var skip = input.SkipPages.ToHashSet();
        var pages = new List<RenderedPageInfo>();
        var last = Math.Min(document.PageCount, input.FirstPage + input.MaxPages - 1);
        for (var page = input.FirstPage; page <= last; page++)
        {
            if (skip.Contains(page))
            {
                continue;
            }

            var rendered = await document.RenderPageAsync(page - 1, cancellationToken).ConfigureAwait(false);
            var png = PngEncoder.Encode(rendered.Image);
            var name = await _images.SavePageImageAsync(input.DocumentId, page, png, cancellationToken).ConfigureAwait(false);
            _options.PageCache?.Set(name, rendered.Image);
            pages.Add(new RenderedPageInfo(page, name, rendered.Image.Width, rendered.Image.Height, rendered.HasTextLayer, Math.Round(rendered.RenderTime.TotalMilliseconds, 1)));
        }

        if (input.FirstPage == 1)
        {
            var now = _options.TimeProvider.GetUtcNow().UtcDateTime;
            var pageCount = document.PageCount;
            await _results.UpdateDocumentAsync(
                input.DocumentId,
                current => current is null ? throw MissingDocument(input.DocumentId) : current with
                {
                    Status = DocumentStatus.Extracting,
                    PageCount = pageCount,
                    UpdatedAt = now,
                },
                cancellationToken).ConfigureAwait(false);
        }

        return new RasterizePagesOutput(document.PageCount, document.Format, pages, Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1));
    }

    /// <summary>Encodes the page once, asks every field question, stores the page record with its answers.</summary>
    public async Task<ExtractPageOutput> ExtractPageAsync(ExtractPageInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var total = Stopwatch.StartNew();
        var image = await LoadPageImageAsync(input.Page.ImageName, cancellationToken).ConfigureAwait(false);
        var loadMs = total.Elapsed.TotalMilliseconds;
        var model = await _model(cancellationToken).ConfigureAwait(false);

        var answers = new Dictionary<string, PageAnswer>(StringComparer.Ordinal);
        double encodeMs;
        var asking = new Stopwatch();
        using (var encoded = await model.EncodeImageAsync(image, cancellationToken).ConfigureAwait(false))
        {
            encodeMs = total.Elapsed.TotalMilliseconds - loadMs;
            asking.Start();
            // Fields with the same token limit are decoded together in one batch; answers keep the schema's order.
            var generated = new Dictionary<SchemaField, GenerationResult>(ReferenceEqualityComparer.Instance);
            foreach (var batch in input.Schema.Fields.GroupBy(field => FieldPrompt.Options(field).MaxNewTokens))
            {
                var fields = batch.ToArray();
                var generations = await model.AskManyAsync(encoded, fields.Select(FieldPrompt.Build).ToArray(), FieldPrompt.Options(fields[0]), cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < fields.Length; i++)
                {
                    generated[fields[i]] = generations[i];
                }
            }

            foreach (var field in input.Schema.Fields)
            {
                answers[field.Name] = AnswerNormalizer.ToPageAnswer(input.Schema, field, generated[field]);
            }

            asking.Stop();
        }

        var timings = new Dictionary<string, double>
        {
            ["render"] = input.Page.RenderMs,
            ["load"] = Math.Round(loadMs, 1),
            ["encode"] = Math.Round(encodeMs, 1),
            ["questions"] = Math.Round(asking.Elapsed.TotalMilliseconds, 1),
            ["total"] = Math.Round(total.Elapsed.TotalMilliseconds, 1),
        };
        await _results.UpsertPageAsync(
            new PageRecord
            {
                Id = PageRecord.MakeId(input.DocumentId, input.Page.Page),
                DocumentId = input.DocumentId,
                RunId = input.RunId,
                Page = input.Page.Page,
                ImageName = input.Page.ImageName,
                Width = input.Page.Width,
                Height = input.Page.Height,
                Status = PageStatuses.Done,
                Answers = answers,
                TimingsMs = timings,
                UpdatedAt = _options.TimeProvider.GetUtcNow().UtcDateTime,
            },
            cancellationToken).ConfigureAwait(false);
        _options.PageCache?.Remove(input.Page.ImageName);
        return new ExtractPageOutput(input.Page.Page, answers, timings, ToModelInfo(model.Descriptor));
    }

    /// <summary>
    /// Records failed pages, merges the answers of every done page (this run's and earlier ones'), and
    /// writes the document's fields and status and the run record.
    /// </summary>
    public async Task<CompleteDocumentOutput> CompleteDocumentAsync(CompleteDocumentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var failure in input.FailedPages)
        {
            await _results.UpsertPageAsync(
                new PageRecord
                {
                    Id = PageRecord.MakeId(input.DocumentId, failure.Page),
                    DocumentId = input.DocumentId,
                    RunId = input.RunId,
                    Page = failure.Page,
                    ImageName = IPageImageStore.MakeName(input.DocumentId, failure.Page),
                    Status = PageStatuses.Failed,
                    Error = new ErrorInfo(failure.Code, failure.Message),
                    UpdatedAt = input.CompletedAt,
                },
                cancellationToken).ConfigureAwait(false);
        }

        var pages = await _results.GetPagesAsync(input.DocumentId, cancellationToken).ConfigureAwait(false);
        var done = pages.Where(p => p.Status == PageStatuses.Done && p.Page <= input.PageCount).ToArray();
        var merged = FieldMerger.Merge(input.Schema, done.Select(p => new PageAnswers(p.Page, p.Answers)), input.PageCount);
        var status = input.Error is not null || (input.PageCount > 0 && done.Length == 0) || input.PageCount == 0
            ? DocumentStatus.Failed
            : DocumentStatus.Completed;
        var error = input.Error ?? (status == DocumentStatus.Failed && input.FailedPages.Count > 0
            ? new ErrorInfo(input.FailedPages[0].Code, $"Every page failed; page {input.FailedPages[0].Page}: {input.FailedPages[0].Message}")
            : null);

        await _results.UpdateDocumentAsync(
            input.DocumentId,
            current => current is null ? throw MissingDocument(input.DocumentId) : current with
            {
                RunId = input.RunId,
                Status = status,
                PageCount = input.PageCount,
                PagesDone = done.Length,
                PagesFailed = input.FailedPages.Count,
                FailedPages = input.FailedPages,
                Fields = merged.Fields,
                NeedsReview = merged.NeedsReview,
                Model = input.Model ?? current.Model,
                TimingsMs = input.TimingsMs,
                Error = error,
                UpdatedAt = input.CompletedAt,
                CompletedAt = input.CompletedAt,
            },
            cancellationToken).ConfigureAwait(false);
        await _results.UpsertRunAsync(
            new RunRecord
            {
                Id = RunRecord.MakeId(input.DocumentId, input.RunId),
                DocumentId = input.DocumentId,
                RunId = input.RunId,
                Status = status,
                StartedAt = input.StartedAt,
                CompletedAt = input.CompletedAt,
                Forced = input.Forced,
                Fields = merged.Fields,
                FailedPages = input.FailedPages,
                PagesSkipped = input.PagesSkipped,
                Error = error,
                TimingsMs = input.TimingsMs,
            },
            cancellationToken).ConfigureAwait(false);
        return new CompleteDocumentOutput(status, done.Length, input.FailedPages.Count, merged.NeedsReview);
    }

    private async Task<RgbImage> LoadPageImageAsync(string name, CancellationToken cancellationToken)
    {
        if (_options.PageCache?.TryGet(name, out var cached) == true)
        {
            return cached;
        }

        await using var stream = await _images.OpenPageImageAsync(name, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return ImageDecoder.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static async Task<(string Sha256, long Size)> HashAsync(Stream content, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private static string NewRunId(DateTime now) =>
        $"{now:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..8]}";

    private static DocumentRecord NewDocument(string documentId, string runId, SourceInfo source, SchemaRef schema, DateTime now) => new()
    {
        Id = documentId,
        DocumentId = documentId,
        RunId = runId,
        Source = source,
        Schema = schema,
        Status = DocumentStatus.Queued,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static ModelInfo ToModelInfo(ModelDescriptor descriptor) => new(
        descriptor.Name,
        new Dictionary<string, string>
        {
            ["visionEncoder"] = descriptor.VisionEncoderVariant,
            ["embedTokens"] = descriptor.EmbedTokensVariant,
            ["decoder"] = descriptor.DecoderVariant,
        },
        descriptor.ExecutionProvider);

    private static DocPipelineException MissingDocument(string documentId) =>
        new("store.document_missing", $"Document {documentId} is not in the result store although it was prepared; run it again.");
}
