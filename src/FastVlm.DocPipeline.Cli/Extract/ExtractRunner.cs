using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>Runs <c>docpipe extract</c> once its arguments are resolved: the in-process pipeline over local files.</summary>
internal sealed class ExtractRunner(SchemaChoice schemas, string dataDirectory, int documentConcurrency, bool force, PdfPasswords? passwords = null)
{
    public ExtractRunner(ExtractionSchema schema, string dataDirectory, int documentConcurrency, bool force, PdfPasswords? passwords = null)
        : this(SchemaChoice.Of(schema), dataDirectory, documentConcurrency, force, passwords)
    {
    }

    public sealed record Outcome(string Path, DocumentWorkflowResult? Result, Exception? Error)
    {
        public bool Succeeded => Result is { Status: DocumentStatus.Completed, FailedPages.Count: 0 };
    }

    public async Task<IReadOnlyList<Outcome>> RunAsync(
        IReadOnlyList<string> files,
        IDocumentVisionModel model,
        ExtractDisplay display,
        CancellationToken cancellationToken)
    {
        var results = new FileResultStore(DataDirectory.Results(dataDirectory));
        StaleTempFiles.Sweep(dataDirectory);
        var images = new FilePageImageStore(DataDirectory.PageImages(dataDirectory));
        var (rasterizer, rasterization) = PipelineComponents.CreateRasterizer(model);
        var activities = new DocumentActivities(
            new LocalFileDocumentSource(),
            passwords is null ? rasterizer : new PasswordRasterizer(rasterizer, passwords),
            model,
            results,
            images,
            new DocumentActivitiesOptions { Rasterization = rasterization });
        using var pipeline = new InProcessDocumentPipeline(activities);
        using var gate = new SemaphoreSlim(documentConcurrency);
        var outcomes = new Outcome[files.Count];
        try
        {
            await RunAllAsync(files, display, pipeline, gate, outcomes, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < files.Count; i++)
            {
                if (outcomes[i] is null && display.Document(files[i]).Status is { DocumentId: { } documentId, RunId: { } runId })
                {
                    await CancelledRun.MarkAsync(results, documentId, runId).ConfigureAwait(false);
                }
            }

            throw;
        }

        return outcomes;
    }

    private async Task RunAllAsync(
        IReadOnlyList<string> files,
        ExtractDisplay display,
        InProcessDocumentPipeline pipeline,
        SemaphoreSlim gate,
        Outcome[] outcomes,
        CancellationToken cancellationToken)
    {
        await display.RunAsync(async () =>
        {
            await Task.WhenAll(files.Select(async (file, index) =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var document = display.Document(file);
                    display.DocumentStarted(document);
                    try
                    {
                        var result = await pipeline.RunAsync(schemas.Input(file, force), display.ProgressFor(file), cancellationToken).ConfigureAwait(false);
                        outcomes[index] = new Outcome(file, result, null);
                        display.DocumentFinished(document, result, null);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        outcomes[index] = new Outcome(file, null, e);
                        display.DocumentFinished(document, null, e);
                    }
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
