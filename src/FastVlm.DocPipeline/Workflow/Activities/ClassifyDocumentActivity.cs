using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Classification;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Pins the source and scores the candidate labels on its first page, or on every page together with whether the
/// page starts a new document. Pages are rendered in memory only (extraction renders and stores them again).
/// A file that cannot be read, or a model that cannot score fixed answers, is reported in the output's error.
/// </summary>
public sealed class ClassifyDocumentActivity(ActivityServices services)
{
    public async Task<ClassifyDocumentOutput> RunAsync(ClassifyDocumentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var pinned = await SourceHasher.OpenPinnedAsync(services.Source, input.SourceName, input.PinnedSource?.Sha256, cancellationToken).ConfigureAwait(false);
        var info = input.PinnedSource is { } host ? host with { Sha256 = pinned.Info.Sha256, Size = pinned.Info.Size } : pinned.Info;
        IRasterDocument document;
        try
        {
            document = await services.Rasterizer.OpenAsync(pinned.Content, input.SourceName, services.Options.Rasterization, cancellationToken).ConfigureAwait(false);
        }
        catch (DocPipelineException e) when (!e.IsTransient)
        {
            return new ClassifyDocumentOutput(info, 0, [], new ErrorInfo(e.Code, e.Message));
        }

        using (document)
        {
            var model = await services.Model(cancellationToken).ConfigureAwait(false);
            var pages = new List<PageScores>();
            var lastPage = input.EveryPage ? document.PageCount : Math.Min(1, document.PageCount);
            for (var page = 1; page <= lastPage; page++)
            {
                var rendered = await document.RenderPageAsync(page - 1, cancellationToken).ConfigureAwait(false);
                using var encoded = await model.EncodeImageAsync(rendered.Image, cancellationToken).ConfigureAwait(false);
                if (!model.CanScoreCandidates(encoded))
                {
                    return new ClassifyDocumentOutput(info, document.PageCount, [], new ErrorInfo(
                        ClassificationErrorCodes.ModelCannotScore,
                        $"Model {model.Descriptor.Name} cannot score fixed answers, which --schema auto needs; pass a schema by name instead of auto."));
                }

                var labels = await model.ScoreCandidatesAsync(encoded, ClassificationPrompts.DocumentType(input.Labels), input.Labels, cancellationToken).ConfigureAwait(false);
                var starts = 1.0;
                if (input.EveryPage && page > 1)
                {
                    var yesNo = await model.ScoreCandidatesAsync(encoded, ClassificationPrompts.StartsNewDocument, ClassificationPrompts.YesNo, cancellationToken).ConfigureAwait(false);
                    starts = Math.Round(CandidateProbabilities.Normalise(yesNo)[0], 4);
                }

                pages.Add(new PageScores(page, CandidateProbabilities.Normalise(labels), starts));
            }

            return new ClassifyDocumentOutput(info, document.PageCount, pages, null);
        }
    }
}
