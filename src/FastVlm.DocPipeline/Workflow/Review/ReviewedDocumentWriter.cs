using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// Writes a run's outcome into a document with the review record laid over it: the run never loses a reviewer's
/// decision, even one saved while the run was writing (the write is then composed again with the newer record).
/// </summary>
public static class ReviewedDocumentWriter
{
    private const int MaxAttempts = 10;

    /// <param name="withModelAnswers">The document with the run's model answers in its fields (pure; it may run several times).</param>
    public static async Task<DocumentRecord> WriteAsync(
        IResultStore store,
        ExtractionSchema schema,
        string documentId,
        Func<DocumentRecord?, DocumentRecord> withModelAnswers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(withModelAnswers);
        for (var attempt = 1; ; attempt++)
        {
            var review = attempt == 1
                ? await LegacyReviewImport.ImportAsync(store, schema, await store.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
                : await store.GetReviewAsync(documentId, cancellationToken).ConfigureAwait(false);
            try
            {
                return await store.UpdateDocumentAsync(
                    documentId,
                    current =>
                    {
                        if ((current?.Review?.Revision ?? 0) > (review?.Revision ?? 0) && attempt < MaxAttempts)
                        {
                            throw new ReviewMovedOnException();
                        }

                        return ReviewComposer.Compose(schema, withModelAnswers(current), review);
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ReviewMovedOnException)
            {
            }
        }
    }

    private sealed class ReviewMovedOnException : Exception
    {
    }
}
