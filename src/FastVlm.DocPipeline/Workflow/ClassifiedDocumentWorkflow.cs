using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Classification;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// <c>--schema auto</c>: classify the file's first page among the candidate schemas and extract it with the winner
/// (its document is the same one an explicit run with that schema makes, now carrying its classification). With
/// <see cref="ClassificationRequest.Split"/>, classify every page, cut the file where documents start, and extract
/// each range as its own document (in page order). Either way the file's own record (schema <c>auto</c>, id from
/// <see cref="DocumentIdentity.ForClassifiedSource"/>) lists the documents it became, or says why it could not be
/// classified. Deterministic like <see cref="DocumentWorkflow"/>.
/// </summary>
internal static class ClassifiedDocumentWorkflow
{
    public static async Task<DocumentWorkflowResult> RunAsync(
        IWorkflowContext context, DocumentWorkflowInput input, ClassificationRequest request, string runId, DateTime startedAt)
    {
        var retries = input.Retries ?? WorkflowRetryPolicies.Default;
        var labels = ClassificationLabels.For(request.Candidates);
        var classified = await context.CallActivityAsync<ClassifyDocumentOutput>(
            ActivityNames.ClassifyDocument,
            new ClassifyDocumentInput(input.SourceName, labels.Select(l => l.Label).ToArray(), request.Split, input.PinnedSource),
            retries.ExtractPage).ConfigureAwait(true);

        var sourceId = DocumentIdentity.ForClassifiedSource(classified.Source.Sha256, request.Candidates.Select(SchemaHasher.Compute), request.Split);
        var error = classified.Error ?? (classified.Pages.Count == 0
            ? new ErrorInfo(ClassificationErrorCodes.NoPages, $"'{input.SourceName}' has no pages to classify.")
            : null);
        if (error is not null)
        {
            return await RecordSourceAsync(context, input, runId, startedAt, sourceId, classified, [], error).ConfigureAwait(true);
        }

        var ranges = request.Split
            ? BundleSplitter.Split(labels, classified.Pages, request.Threshold)
            : [new ClassifiedRange(1, classified.PageCount, PageClassifier.Decide(labels, classified.Pages[0].LabelProbabilities, 1, request.Threshold))];
        var parts = new List<(ClassifiedRange Range, ExtractionSchema Schema, DocumentWorkflowResult Result)>();
        foreach (var range in ranges)
        {
            var schema = SchemaNamed(request, range.Classification.Schema);
            var split = request.Split ? new DocumentSplit(sourceId, range.FirstPage, range.LastPage) : null;
            var target = new ExtractionTarget(schema, classified.Source, range.Classification, split);
            parts.Add((range, schema, await DocumentWorkflow.ExtractAsync(context, input, runId, context.CurrentUtcDateTime, target).ConfigureAwait(true)));
        }

        var source = await RecordSourceAsync(context, input, runId, startedAt, sourceId, classified, parts, null).ConfigureAwait(true);
        return request.Split ? source : parts[0].Result;
    }

    private static ExtractionSchema SchemaNamed(ClassificationRequest request, string name) =>
        request.Candidates.First(schema => schema.Name == name);

    private static async Task<DocumentWorkflowResult> RecordSourceAsync(
        IWorkflowContext context,
        DocumentWorkflowInput input,
        string runId,
        DateTime startedAt,
        string sourceId,
        ClassifyDocumentOutput classified,
        IReadOnlyList<(ClassifiedRange Range, ExtractionSchema Schema, DocumentWorkflowResult Result)> parts,
        ErrorInfo? error)
    {
        var retries = input.Retries ?? WorkflowRetryPolicies.Default;
        var status = await context.CallActivityAsync<DocumentStatus>(
            ActivityNames.RecordClassifiedSource,
            new RecordClassifiedSourceInput
            {
                DocumentId = sourceId,
                RunId = runId,
                Source = classified.Source,
                PageCount = classified.PageCount,
                PagesDone = parts.Sum(p => p.Result.PagesExtracted + p.Result.PagesSkipped),
                Parts = parts.Select(p => ToPart(p.Range, p.Schema, p.Result)).ToArray(),
                Error = error,
                StartedAt = startedAt,
                CompletedAt = context.CurrentUtcDateTime,
            },
            retries.Complete).ConfigureAwait(true);
        return new DocumentWorkflowResult
        {
            DocumentId = sourceId,
            RunId = runId,
            Status = status,
            PageCount = classified.PageCount,
            PagesExtracted = parts.Sum(p => p.Result.PagesExtracted),
            PagesSkipped = parts.Sum(p => p.Result.PagesSkipped),
            PagesFailed = parts.Sum(p => p.Result.PagesFailed),
            NeedsReview = parts.Any(p => p.Result.NeedsReview),
            Error = error,
            Parts = parts.Select(p => p.Result).ToArray(),
        };
    }

    private static DocumentPart ToPart(ClassifiedRange range, ExtractionSchema schema, DocumentWorkflowResult result) => new()
    {
        DocumentId = result.DocumentId,
        FirstPage = range.FirstPage,
        LastPage = range.LastPage,
        Schema = schema.ToRef(),
        Confidence = range.Classification.Confidence,
        Status = result.Status,
        NeedsReview = result.NeedsReview,
    };
}
