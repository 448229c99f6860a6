using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// The activities of <see cref="DocumentWorkflow"/> and <see cref="PageRangeWorkflow"/> over one set of
/// services: every bit of real work (reading, rendering, the model, the store). Hosts call these methods
/// from their activity functions; inputs and outputs serialise to JSON.
/// </summary>
public sealed class DocumentActivities
{
    private readonly PrepareDocumentActivity _prepare;
    private readonly RasterizeRangeActivity _rasterize;
    private readonly ExtractPageActivity _extract;
    private readonly RecordPageFailuresActivity _recordFailures;
    private readonly CompleteDocumentActivity _complete;
    private readonly PublishCompletionActivity _publish;
    private readonly ClassifyDocumentActivity _classify;
    private readonly RecordClassifiedSourceActivity _recordClassified;

    public DocumentActivities(
        IDocumentSource source,
        IDocumentRasterizer rasterizer,
        IDocumentVisionModel model,
        IResultStore results,
        IPageImageStore images,
        DocumentActivitiesOptions? options = null)
        : this(source, rasterizer, _ => ValueTask.FromResult(model ?? throw new ArgumentNullException(nameof(model))), results, images, options)
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
        Services = new ActivityServices(source, rasterizer, model, results, images, options ?? new DocumentActivitiesOptions());
        _prepare = new PrepareDocumentActivity(Services);
        _rasterize = new RasterizeRangeActivity(Services);
        _extract = new ExtractPageActivity(Services);
        _recordFailures = new RecordPageFailuresActivity(Services);
        _complete = new CompleteDocumentActivity(Services);
        _publish = new PublishCompletionActivity(Services);
        _classify = new ClassifyDocumentActivity(Services);
        _recordClassified = new RecordClassifiedSourceActivity(Services);
    }

    public ActivityServices Services { get; }

    public Task<PrepareDocumentOutput> PrepareDocumentAsync(PrepareDocumentInput input, CancellationToken cancellationToken = default) =>
        _prepare.RunAsync(input, cancellationToken);

    public Task<RasterizeRangeOutput> RasterizeRangeAsync(RasterizeRangeInput input, CancellationToken cancellationToken = default) =>
        _rasterize.RunAsync(input, cancellationToken);

    public Task<ExtractPageOutput> ExtractPageAsync(ExtractPageInput input, CancellationToken cancellationToken = default) =>
        _extract.RunAsync(input, cancellationToken);

    public Task<int> RecordPageFailuresAsync(RecordPageFailuresInput input, CancellationToken cancellationToken = default) =>
        _recordFailures.RunAsync(input, cancellationToken);

    public Task<CompleteDocumentOutput> CompleteDocumentAsync(CompleteDocumentInput input, CancellationToken cancellationToken = default) =>
        _complete.RunAsync(input, cancellationToken);

    public Task<bool> PublishCompletionAsync(PublishCompletionInput input, CancellationToken cancellationToken = default) =>
        _publish.RunAsync(input, cancellationToken);

    public Task<ClassifyDocumentOutput> ClassifyDocumentAsync(ClassifyDocumentInput input, CancellationToken cancellationToken = default) =>
        _classify.RunAsync(input, cancellationToken);

    public Task<DocumentStatus> RecordClassifiedSourceAsync(RecordClassifiedSourceInput input, CancellationToken cancellationToken = default) =>
        _recordClassified.RunAsync(input, cancellationToken);
}
