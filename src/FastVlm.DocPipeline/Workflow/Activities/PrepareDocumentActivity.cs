using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Pins the source (one read, hashed), derives the document id, registers the document and this run
/// (with the run's schema, stored once), counts the pages, and reports whether earlier runs left work
/// done. A document that cannot be read is reported in <see cref="PrepareDocumentOutput.Error"/>, not thrown:
/// retrying cannot help, and the workflow still records it as failed.
/// </summary>
public sealed class PrepareDocumentActivity(ActivityServices services)
{
    public async Task<PrepareDocumentOutput> RunAsync(PrepareDocumentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pageCount = 0;
        ErrorInfo? error = null;
        SourceInfo info;
        using (var pinned = await SourceHasher.OpenPinnedAsync(services.Source, input.SourceName, input.PinnedSource?.Sha256, cancellationToken).ConfigureAwait(false))
        {
            info = input.PinnedSource is { } host ? host with { Sha256 = pinned.Info.Sha256, Size = pinned.Info.Size } : pinned.Info;
            try
            {
                using var document = await services.Rasterizer.OpenAsync(pinned.Content, input.SourceName, services.Options.Rasterization, cancellationToken).ConfigureAwait(false);
                pageCount = PartPageCount(document.PageCount, input);
            }
            catch (DocPipelineException e) when (!e.IsTransient)
            {
                error = new ErrorInfo(e.Code, e.Message);
            }
        }

        var documentId = input.SplitFrom is { } part
            ? DocumentIdentity.ForPart(info.Sha256, part.FirstPage, part.LastPage, input.Schema.Name, input.Schema.Version, input.SchemaHash)
            : DocumentIdentity.Compute(info.Sha256, input.Schema.Name, input.Schema.Version, input.SchemaHash);
        var now = services.UtcNow;
        services.Schemas.Remember(input.SchemaHash, input.Schema);

        var existing = await services.Results.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        var donePages = 0;
        if (!input.Force && existing is not null && error is null)
        {
            var pages = await services.Results.GetPagesAsync(documentId, cancellationToken).ConfigureAwait(false);
            donePages = pages.Count(p => p.Status == PageStatuses.Done && p.Page <= pageCount);
        }

        await services.Results.UpdateDocumentAsync(
            documentId,
            current => (current ?? DocumentRecordBuilder.NewDocument(documentId, input.RunId, info, input.Schema.ToRef(), now)) with
            {
                RunId = input.RunId,
                Source = info,
                Schema = input.Schema.ToRef(),
                Status = current?.Status is DocumentStatus.Completed or DocumentStatus.Reviewed && current.Fields.Count > 0 ? current.Status : DocumentStatus.Extracting,
                Lease = RunLeases.New(input.RunId, now, services.Options.RunLease),
                PageCount = pageCount,
                Classification = input.Classification,
                SplitFrom = input.SplitFrom,
                Error = null,
                UpdatedAt = now,
            },
            cancellationToken).ConfigureAwait(false);
        await services.Results.UpsertRunAsync(
            new RunRecord
            {
                Id = RunRecord.MakeId(documentId, input.RunId),
                DocumentId = documentId,
                RunId = input.RunId,
                Status = DocumentStatus.Extracting,
                StartedAt = input.StartedAt,
                Forced = input.Force,
                SchemaHash = input.SchemaHash,
                SchemaJson = JsonSerializer.Serialize(input.Schema, ResultJson.Options),
            },
            cancellationToken).ConfigureAwait(false);

        return new PrepareDocumentOutput(documentId, info, pageCount, donePages > 0, pageCount > 0 && donePages == pageCount, error);
    }

    /// <summary>The pages this document has: all of the file's, or the part's range of a bundled file.</summary>
    private static int PartPageCount(int filePages, PrepareDocumentInput input)
    {
        if (input.SplitFrom is not { } part)
        {
            return filePages;
        }

        if (part.LastPage > filePages)
        {
            throw new DocPipelineException(
                WorkflowErrorCodes.SplitOutOfRange,
                $"'{input.SourceName}' has {filePages} pages, so it has no pages {part.FirstPage}-{part.LastPage}; run the file again.");
        }

        return part.PageCount;
    }
}
