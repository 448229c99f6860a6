using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Calibration;

namespace FastVlm.DocPipeline.Tests.Extraction.Calibration;

public sealed class ReviewCalibratorTests
{
    private static readonly ExtractionSchema Invoice = EmbeddedSchemas.Get("invoice");

    // total: 30 answers at 0.95 all kept, 10 at 0.80 with 9 kept, 10 at 0.40 with 5 kept (50 reviewed, 44 kept).
    private static List<ReviewedField> Totals() =>
    [
        .. Answers("total", 0.95, count: 30, kept: 30),
        .. Answers("total", 0.80, count: 10, kept: 9),
        .. Answers("total", 0.40, count: 10, kept: 5),
    ];

    [Fact]
    public void The_threshold_is_the_lowest_confidence_whose_answers_above_reach_the_target()
    {
        var strict = ReviewCalibrator.Calibrate(Invoice, Totals(), new CalibrationOptions { TargetPrecision = 0.99, MinSupport = 20 }).Fields.Single();
        strict.Reviewed.Should().Be(50);
        strict.Kept.Should().Be(44);
        strict.KeptRate.Should().BeApproximately(0.88, 1e-12);
        strict.Threshold.Should().Be(0.95);
        strict.PrecisionAtThreshold.Should().Be(1.0);
        strict.AutoAcceptRate.Should().BeApproximately(0.6, 1e-12);
        strict.CurrentThreshold.Should().Be(Invoice.ReviewThreshold);

        var looser = ReviewCalibrator.Calibrate(Invoice, Totals(), new CalibrationOptions { TargetPrecision = 0.95, MinSupport = 20 }).Fields.Single();
        looser.Threshold.Should().Be(0.80);
        looser.PrecisionAtThreshold.Should().BeApproximately(39.0 / 40, 1e-12);
        looser.AutoAcceptRate.Should().BeApproximately(0.8, 1e-12);
    }

    [Fact]
    public void Too_few_answers_above_any_threshold_give_no_threshold()
    {
        var calibration = ReviewCalibrator.Calibrate(Invoice, Answers("total", 0.99, count: 19, kept: 19), new CalibrationOptions { MinSupport = 20 }).Fields.Single();

        calibration.Threshold.Should().BeNull();
        calibration.AutoAcceptRate.Should().BeNull();
    }

    [Fact]
    public void A_target_nothing_reaches_gives_no_threshold()
    {
        var calibration = ReviewCalibrator.Calibrate(Invoice, Answers("total", 0.9, count: 100, kept: 98), new CalibrationOptions { TargetPrecision = 0.99 }).Fields.Single();

        calibration.Threshold.Should().BeNull();
    }

    [Fact]
    public void The_reliability_table_counts_each_bucket_and_its_kept_rate()
    {
        var answers = Totals().Append(new ReviewedField("d-edge", "total", 1.0, false)).Append(new ReviewedField("d-zero", "total", 0.0, true)).ToList();

        var buckets = ReviewCalibrator.Calibrate(Invoice, answers).Fields.Single().Reliability;

        buckets.Should().HaveCount(10);
        buckets[9].Should().Match<ReliabilityBucket>(b => b.From == 0.9 && b.To == 1.0 && b.Count == 31 && b.Kept == 30);
        buckets[8].Should().Match<ReliabilityBucket>(b => b.Count == 10 && b.Kept == 9);
        buckets[4].Should().Match<ReliabilityBucket>(b => b.Count == 10 && b.Kept == 5);
        buckets[4].Accuracy.Should().Be(0.5);
        buckets[0].Should().Match<ReliabilityBucket>(b => b.Count == 1 && b.Kept == 1);
        buckets.Where((_, i) => i is not (0 or 4 or 8 or 9)).Should().OnlyContain(b => b.Count == 0 && b.Accuracy == null && b.MeanConfidence == null);
    }

    [Fact]
    public void Fields_are_calibrated_separately_and_together()
    {
        var answers = Totals().Concat(Answers("vendorName", 0.7, count: 25, kept: 25)).ToList();

        var report = ReviewCalibrator.Calibrate(Invoice, answers, new CalibrationOptions { TargetPrecision = 0.99 });

        report.Fields.Select(f => f.Field).Should().Equal(Invoice.Fields.Select(f => f.Name).Where(n => n is "total" or "vendorName"));
        report.Fields.Single(f => f.Field == "vendorName").Threshold.Should().Be(0.7);
        report.Overall.Reviewed.Should().Be(75);
        report.Overall.Kept.Should().Be(69);
        report.Overall.Threshold.Should().Be(0.95, "down to 0.80 the kept rate is 39/40 and down to 0.70 it is 64/65, both below 0.99");
        report.Documents.Should().Be(75);
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(1.5, 20)]
    [InlineData(0.99, 0)]
    public void Invalid_options_are_refused(double target, int minSupport)
    {
        var calibrate = () => ReviewCalibrator.Calibrate(Invoice, Totals(), new CalibrationOptions { TargetPrecision = target, MinSupport = minSupport });

        calibrate.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static List<ReviewedField> Answers(string field, double confidence, int count, int kept) =>
        [.. Enumerable.Range(0, count).Select(i => new ReviewedField($"d-{field}-{confidence}-{i}", field, confidence, i < kept))];
}
