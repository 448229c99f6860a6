using System.Globalization;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Classification;

/// <summary>
/// Picks the schema for a page from its label probabilities (normalised over every candidate label): a schema's
/// confidence is the sum over its labels, the best schema wins, and its best label is the one reported. Below
/// the threshold the class is kept but marked for review.
/// </summary>
public static class PageClassifier
{
    /// <summary>Default confidence below which a class needs review.</summary>
    public const double DefaultThreshold = 0.6;

    public static DocumentClassification Decide(IReadOnlyList<ClassificationLabel> labels, IReadOnlyList<double> probabilities, int page, double threshold)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (labels.Count == 0 || probabilities.Count != labels.Count)
        {
            throw new ArgumentException($"Expected {labels.Count} label probabilities, got {probabilities.Count}.", nameof(probabilities));
        }

        var candidates = labels.Select((label, i) => new ClassificationCandidate(label.Schema, label.Label, probabilities[i]))
            .OrderByDescending(c => c.Confidence)
            .ToArray();
        var bySchema = labels.Select((label, i) => (label.Schema, Probability: probabilities[i]))
            .GroupBy(x => x.Schema, StringComparer.Ordinal)
            .Select(g => (Schema: g.Key, Confidence: g.Sum(x => x.Probability)))
            .ToArray();
        var winner = bySchema[0];
        foreach (var schema in bySchema.Skip(1))
        {
            winner = schema.Confidence > winner.Confidence ? schema : winner;
        }

        var label = candidates.First(c => c.Schema == winner.Schema).Label;
        var confidence = Math.Round(winner.Confidence, 4);
        var needsReview = confidence < threshold;
        return new DocumentClassification
        {
            Schema = winner.Schema,
            Label = label,
            Confidence = confidence,
            Page = page,
            NeedsReview = needsReview,
            Issue = needsReview
                ? string.Create(CultureInfo.InvariantCulture, $"{ClassificationErrorCodes.LowConfidence}: page {page} was classified as '{label}' with confidence {confidence:0.00}, below {threshold:0.00}; check that '{winner.Schema}' is the right schema.")
                : null,
            Candidates = candidates.Select(c => c with { Confidence = Math.Round(c.Confidence, 4) }).ToArray(),
        };
    }
}
