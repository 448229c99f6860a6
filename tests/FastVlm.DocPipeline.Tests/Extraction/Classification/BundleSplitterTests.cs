using FastVlm.DocPipeline.Extraction.Classification;

namespace FastVlm.DocPipeline.Tests.Extraction.Classification;

public sealed class BundleSplitterTests
{
    private static readonly ClassificationLabel[] Labels = [new("invoice", "invoice"), new("receipt", "receipt")];

    private static PageScores Invoice(int page, double starts) => new(page, [0.9, 0.1], starts);

    private static PageScores Receipt(int page, double starts) => new(page, [0.2, 0.8], starts);

    [Fact]
    public void A_page_starts_a_document_when_the_model_says_so_or_its_class_changes()
    {
        var ranges = BundleSplitter.Split(Labels, [Invoice(1, 1), Receipt(2, 0.1), Invoice(3, 0.9), Invoice(4, 0.2), Invoice(5, 0.5)], 0.6);

        ranges.Select(r => (r.FirstPage, r.LastPage, r.Classification.Schema)).Should().Equal(
            (1, 1, "invoice"), (2, 2, "receipt"), (3, 4, "invoice"), (5, 5, "invoice"));
        ranges.Select(r => r.Classification.Page).Should().Equal(1, 2, 3, 5);
    }

    [Fact]
    public void Continuation_pages_of_the_same_class_stay_in_one_document_in_page_order()
    {
        var ranges = BundleSplitter.Split(Labels, [Invoice(3, 0.1), Invoice(1, 1), Invoice(2, 0.3)], 0.6);

        ranges.Should().ContainSingle().Which.Should().Match<ClassifiedRange>(r => r.FirstPage == 1 && r.LastPage == 3);
    }
}
