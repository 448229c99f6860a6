using System.Diagnostics;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Telemetry;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Encodes one page once, asks every field of the run's schema, stores the page record with its answers.</summary>
public sealed class ExtractPageActivity(ActivityServices services)
{
    public async Task<ExtractPageOutput> RunAsync(ExtractPageInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var telemetry = PageTelemetry.Start(input.DocumentId, input.RunId, input.Page.Page);
        var total = Stopwatch.StartNew();
        var schema = await services.Schemas.GetAsync(input.DocumentId, input.RunId, input.SchemaHash, cancellationToken).ConfigureAwait(false);
        var image = await LoadPageImageAsync(input.Page.ImageName, cancellationToken).ConfigureAwait(false);
        var loadMs = total.Elapsed.TotalMilliseconds;
        var model = await services.Model(cancellationToken).ConfigureAwait(false);

        var answers = new Dictionary<string, PageAnswer>(StringComparer.Ordinal);
        double encodeMs;
        var asking = new Stopwatch();
        using (var encoded = await model.EncodeImageAsync(image, cancellationToken).ConfigureAwait(false))
        {
            encodeMs = total.Elapsed.TotalMilliseconds - loadMs;
            telemetry.Encoded(encoded);
            asking.Start();
            var constrained = model.CanScoreCandidates(encoded) ? schema.Fields.Where(ConstrainedAnswer.Applies).ToHashSet() : [];
            foreach (var field in constrained)
            {
                using var fieldTelemetry = telemetry.StartField(field.Name);
                var scores = await model.ScoreCandidatesAsync(encoded, FieldPrompt.Build(field), ConstrainedAnswer.Candidates(field), cancellationToken).ConfigureAwait(false);
                answers[field.Name] = ConstrainedAnswer.ToPageAnswer(field, scores);
            }

            // Fields that share a token limit are decoded as one batch.
            foreach (var batch in schema.Fields.Where(f => !constrained.Contains(f)).GroupBy(field => FieldPrompt.Options(field).MaxNewTokens))
            {
                var fields = batch.ToArray();
                var generations = await model.AskManyAsync(encoded, fields.Select(FieldPrompt.Build).ToArray(), FieldPrompt.Options(fields[0]), cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < fields.Length; i++)
                {
                    using var fieldTelemetry = telemetry.StartField(fields[i].Name);
                    fieldTelemetry.Record(generations[i]);
                    answers[fields[i].Name] = AnswerNormalizer.ToPageAnswer(schema, fields[i], generations[i]);
                }
            }

            // Answers are stored in the schema's order.
            answers = schema.Fields.ToDictionary(f => f.Name, f => answers[f.Name], StringComparer.Ordinal);

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
        await services.Results.UpsertPageAsync(
            DocumentRecordBuilder.DonePage(input.DocumentId, input.RunId, input.Page, answers, timings, services.UtcNow),
            cancellationToken).ConfigureAwait(false);
        services.Options.PageCache?.Remove(input.Page.ImageName);
        telemetry.Complete(answers.Count);
        return new ExtractPageOutput(input.Page.Page, timings["total"], DocumentRecordBuilder.ToModelInfo(model.Descriptor));
    }

    private async Task<RgbImage> LoadPageImageAsync(string name, CancellationToken cancellationToken)
    {
        if (services.Options.PageCache?.TryGet(name, out var cached) == true)
        {
            return cached;
        }

        await using var stream = await services.Images.OpenPageImageAsync(name, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return ImageDecoder.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
