using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Which page answers get alternatives, and the alternatives the model's branches give after normalisation: each one
/// typed like the answer, with the confidence of its whole token sequence; those the page does not make readable
/// (not found, unparsed) and those equal to the answer or to an earlier alternative are left out.
/// </summary>
public static class AnswerAlternatives
{
    /// <summary>
    /// Whether the model is asked for alternatives to <paramref name="answer"/>: a found free-text answer below the schema's
    /// review threshold. Tables are not branched (a table's alternative rows are no whole answer); an enum or boolean
    /// field scored over its values takes the runner-up values instead (<see cref="ConstrainedAnswer.Alternatives"/>).
    /// </summary>
    public static bool Wanted(ExtractionSchema schema, SchemaField field, PageAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Found && answer.Confidence < schema.ReviewThresholdOf(field) && field.Type != FieldType.Table;
    }

    /// <summary>The distinct readable alternatives among <paramref name="generations"/>, in their order, at most <see cref="AlternativeOptions.MaxAlternativesLimit"/>; null when none.</summary>
    public static IReadOnlyList<FieldAlternative>? FromGenerations(
        ExtractionSchema schema, SchemaField field, PageAnswer answer, IReadOnlyList<GenerationResult> generations)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(generations);
        var kept = new List<FieldAlternative>(AlternativeOptions.MaxAlternativesLimit);
        foreach (var generation in generations)
        {
            if (kept.Count == AlternativeOptions.MaxAlternativesLimit)
            {
                break;
            }

            var candidate = AnswerNormalizer.ToPageAnswer(schema, field, generation);
            if (!candidate.Found || candidate.Value is null || SameValue(candidate.Value, candidate.Currency, answer.Value, answer.Currency)
                || kept.Any(k => SameValue(candidate.Value, candidate.Currency, k.Value, k.Currency)))
            {
                continue;
            }

            kept.Add(new FieldAlternative { Value = candidate.Value, Raw = candidate.Raw, Currency = candidate.Currency, Confidence = candidate.Confidence });
        }

        return kept.Count == 0 ? null : kept;
    }

    private static bool SameValue(JsonNode? value, string? currency, JsonNode? other, string? otherCurrency) =>
        JsonNode.DeepEquals(value, other) && string.Equals(currency, otherCurrency, StringComparison.Ordinal);
}
