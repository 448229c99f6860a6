using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Extraction.Classification;

/// <summary>The labels classification scores: every candidate schema's <c>classifyAs</c> labels (or its name), in schema order.</summary>
public static class ClassificationLabels
{
    /// <exception cref="DocPipelineException">Fewer than two schemas, or a label (or name) used by two schemas.</exception>
    public static IReadOnlyList<ClassificationLabel> For(IReadOnlyList<ExtractionSchema> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count < 2)
        {
            throw new DocPipelineException(
                ClassificationErrorCodes.TooFewCandidates,
                $"Classification needs at least two candidate schemas, got {candidates.Count}; name them (e.g. --candidates invoice,receipt) or pass one schema instead of auto.");
        }

        var labels = new List<ClassificationLabel>();
        foreach (var schema in candidates)
        {
            foreach (var label in schema.ClassificationLabels())
            {
                if (labels.FirstOrDefault(l => string.Equals(l.Label, label, StringComparison.OrdinalIgnoreCase) || l.Schema == schema.Name) is { } taken)
                {
                    throw new DocPipelineException(
                        ClassificationErrorCodes.AmbiguousLabel,
                        taken.Schema == schema.Name
                            ? $"Schema '{schema.Name}' is a candidate twice; list each schema once."
                            : $"Schemas '{taken.Schema}' and '{schema.Name}' both answer to the label '{label}'; give them distinct classifyAs labels.");
                }
            }

            labels.AddRange(schema.ClassificationLabels().Select(label => new ClassificationLabel(schema.Name, label)));
        }

        return labels;
    }
}
