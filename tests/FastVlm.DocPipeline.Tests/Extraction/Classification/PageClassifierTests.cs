using FastVlm.DocPipeline.Extraction.Classification;

namespace FastVlm.DocPipeline.Tests.Extraction.Classification;

public sealed class PageClassifierTests
{
    private static readonly ClassificationLabel[] Labels =
        [new("invoice", "invoice"), new("invoice", "bill"), new("receipt", "receipt")];

    [Fact]
    public void A_schema_wins_by_the_sum_of_its_labels_and_reports_its_best_label()
    {
        var classification = PageClassifier.Decide(Labels, [0.1, 0.5, 0.4], page: 3, threshold: 0.5);

        classification.Schema.Should().Be("invoice");
        classification.Label.Should().Be("bill");
        classification.Confidence.Should().BeApproximately(0.6, 1e-9);
        classification.Page.Should().Be(3);
        classification.NeedsReview.Should().BeFalse();
        classification.Issue.Should().BeNull();
        classification.Candidates.Select(c => (c.Label, c.Confidence)).Should().Equal(("bill", 0.5), ("receipt", 0.4), ("invoice", 0.1));
    }

    [Fact]
    public void Below_the_threshold_the_class_is_kept_and_needs_review_with_the_numbers()
    {
        var classification = PageClassifier.Decide(Labels, [0.05, 0.05, 0.9 - 0.35], page: 1, threshold: 0.6);

        classification.Schema.Should().Be("receipt");
        classification.NeedsReview.Should().BeTrue();
        classification.Issue.Should().Be("classify.low_confidence: page 1 was classified as 'receipt' with confidence 0.55, below 0.60; check that 'receipt' is the right schema.");
    }

    [Fact]
    public void Scores_that_do_not_match_the_labels_are_refused()
    {
        var decide = () => PageClassifier.Decide(Labels, [0.5, 0.5], 1, 0.5);

        decide.Should().Throw<ArgumentException>().WithMessage("Expected 3 label probabilities, got 2.*");
    }

    [Fact]
    public void Log_probabilities_normalise_to_probabilities_over_the_candidates()
    {
        var probabilities = CandidateProbabilities.Normalise([Math.Log(0.2), Math.Log(0.05), Math.Log(0.25)]);

        probabilities.Should().HaveCount(3);
        probabilities[0].Should().BeApproximately(0.4, 1e-12);
        probabilities[1].Should().BeApproximately(0.1, 1e-12);
        probabilities[2].Should().BeApproximately(0.5, 1e-12);
        CandidateProbabilities.Normalise([-1000, -1000.5]).Sum().Should().BeApproximately(1, 1e-12, "very unlikely candidates still normalise (no underflow to 0/0)");
    }
}
