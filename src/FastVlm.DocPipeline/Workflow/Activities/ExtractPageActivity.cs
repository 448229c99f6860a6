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
        var generated = new Dictionary<string, GenerationResult>(StringComparer.Ordinal);
        double encodeMs;
        (double Ms, int Tokens) alternatives;
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
                var answer = ConstrainedAnswer.ToPageAnswer(field, scores);
                answers[field.Name] = AnswerAlternatives.Wanted(schema, field, answer) ? answer with { Alternatives = ConstrainedAnswer.Alternatives(field, scores) } : answer;
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
                    generated[fields[i].Name] = generations[i];
                }
            }

            asking.Stop();
            alternatives = await ProposeAlternativesAsync(model, encoded, schema, answers, generated, cancellationToken).ConfigureAwait(false);

            // Answers are stored in the schema's order.
            answers = schema.Fields.ToDictionary(f => f.Name, f => answers[f.Name], StringComparer.Ordinal);
        }

        var timings = new Dictionary<string, double>
        {
            ["render"] = input.Page.RenderMs,
            ["load"] = Math.Round(loadMs, 1),
            ["encode"] = Math.Round(encodeMs, 1),
            ["questions"] = Math.Round(asking.Elapsed.TotalMilliseconds, 1),
            ["alternatives"] = Math.Round(alternatives.Ms, 1),
            ["alternativeTokens"] = alternatives.Tokens,
            ["total"] = Math.Round(total.Elapsed.TotalMilliseconds, 1),
        };
        await services.Results.UpsertPageAsync(
            DocumentRecordBuilder.DonePage(input.DocumentId, input.RunId, input.Page, answers, timings, services.UtcNow),
            cancellationToken).ConfigureAwait(false);
        services.Options.PageCache?.Remove(input.Page.ImageName);
        telemetry.Complete(answers.Count);
        await RunLeases.RenewAsync(services, input.DocumentId, input.RunId, cancellationToken).ConfigureAwait(false);
        return new ExtractPageOutput(input.Page.Page, timings["total"], DocumentRecordBuilder.ToModelInfo(model.Descriptor))
        {
            AlternativesMs = timings["alternatives"],
            AlternativeTokens = alternatives.Tokens,
        };
    }

    /// <summary>
    /// Asks the model for alternatives to the generated answers that want them, most doubtful first, within the page's
    /// token budget (<see cref="DocumentActivitiesOptions.MaxAlternativeTokensPerPage"/>); returns the time and tokens spent.
    /// </summary>
    private async Task<(double Ms, int Tokens)> ProposeAlternativesAsync(
        IDocumentVisionModel model,
        IEncodedImage encoded,
        ExtractionSchema schema,
        Dictionary<string, PageAnswer> answers,
        IReadOnlyDictionary<string, GenerationResult> generated,
        CancellationToken cancellationToken)
    {
        var budget = services.Options.MaxAlternativeTokensPerPage;
        if (budget <= 0 || !model.CanProposeAlternatives(encoded))
        {
            return (0, 0);
        }

        var watch = Stopwatch.StartNew();
        var spent = 0;
        var doubtful = schema.Fields
            .Where(f => generated.ContainsKey(f.Name) && AnswerAlternatives.Wanted(schema, f, answers[f.Name]))
            .OrderBy(f => answers[f.Name].Confidence)
            .ToArray();
        foreach (var field in doubtful)
        {
            if (spent >= budget)
            {
                break;
            }

            var options = new AlternativeOptions { MaxNewTokens = FieldPrompt.Options(field).MaxNewTokens, MaxDecodeTokens = budget - spent };
            var proposed = await model.ProposeAlternativesAsync(encoded, FieldPrompt.Build(field), generated[field.Name], options, cancellationToken).ConfigureAwait(false);
            spent += proposed.DecodedTokens;
            var answer = answers[field.Name];
            answers[field.Name] = answer with { Alternatives = AnswerAlternatives.FromGenerations(schema, field, answer, proposed.Answers) };
        }

        return (watch.Elapsed.TotalMilliseconds, spent);
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
