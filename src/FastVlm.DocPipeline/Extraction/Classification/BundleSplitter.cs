namespace FastVlm.DocPipeline.Extraction.Classification;

/// <summary>
/// Cuts a bundled file into documents from its pages' scores. A page starts a new document when the model says
/// so (probability of "Yes" at least one half) or when its class differs from the class of the document it would
/// continue; the first page always starts one. Each document is classified from its first page.
/// </summary>
public static class BundleSplitter
{
    public const double StartThreshold = 0.5;

    public static IReadOnlyList<ClassifiedRange> Split(IReadOnlyList<ClassificationLabel> labels, IReadOnlyList<PageScores> pages, double threshold)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(pages);
        var ranges = new List<ClassifiedRange>();
        foreach (var page in pages.OrderBy(p => p.Page))
        {
            var classification = PageClassifier.Decide(labels, page.LabelProbabilities, page.Page, threshold);
            var current = ranges.Count > 0 ? ranges[^1] : null;
            if (current is null || page.StartProbability >= StartThreshold || classification.Schema != current.Classification.Schema)
            {
                ranges.Add(new ClassifiedRange(page.Page, page.Page, classification));
            }
            else
            {
                ranges[^1] = current with { LastPage = page.Page };
            }
        }

        return ranges;
    }
}
