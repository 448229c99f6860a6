using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// A new schema version makes a new document. On its first run it is offered the reviewed values of the same source's
/// documents under other versions of the schema, for fields of the same name and type (newest review first).
/// </summary>
public static class ReviewOffers
{
    public static async Task<IReadOnlyDictionary<string, FieldReviewOffer>> FindAsync(
        IResultStore store, ExtractionSchema schema, string documentId, string sourceSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(schema);
        var offers = new Dictionary<string, FieldReviewOffer>(StringComparer.Ordinal);
        await foreach (var other in store.FindReviewedBySourceAsync(sourceSha256, cancellationToken).ConfigureAwait(false))
        {
            if (other.DocumentId == documentId || other.Schema.Name != schema.Name || other.Review is null)
            {
                continue;
            }

            var otherSchema = RunRecordSchema.Read(await store.GetRunsAsync(other.DocumentId, cancellationToken).ConfigureAwait(false), other.FieldsRunId);
            foreach (var field in schema.Fields)
            {
                if (other.Fields.TryGetValue(field.Name, out var reviewed)
                    && reviewed is { Reviewed: true, Review: { } decision }
                    && otherSchema?.Fields.FirstOrDefault(f => f.Name == field.Name)?.Type == field.Type
                    && (!offers.TryGetValue(field.Name, out var known) || known.At < decision.At))
                {
                    offers[field.Name] = new FieldReviewOffer
                    {
                        Value = reviewed.Value?.DeepClone(),
                        Currency = reviewed.Currency,
                        Reviewer = decision.Reviewer,
                        At = decision.At,
                        DocumentId = other.DocumentId,
                        SchemaVersion = other.Schema.Version,
                    };
                }
            }
        }

        return offers;
    }
}
