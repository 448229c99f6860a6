using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli.Calibrate;
using FastVlm.DocPipeline.Cli.Evaluate;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Calibration;
using FastVlm.DocPipeline.Extraction.Evaluation;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli.Plots;

/// <summary>
/// The README's two pictures (docs/images/reliability.svg, docs/images/accuracy.svg), drawn from the invoice
/// samples' truth files with simulated answers: each field's confidence and whether its answer is right come from
/// a hash of sample and field, right more often the higher the confidence; tables are left unanswered. The test fails when the committed
/// pictures differ from what the code draws; <c>DOCPIPE_UPDATE_README_IMAGES=1</c> rewrites them instead.
/// </summary>
public sealed class ReadmeImagesTests
{
    private static readonly string[] InvoiceSamples = ["invoice-simple", "invoice-multipage", "rotated-invoice", "scanned-invoice"];

    /// <summary>Simulated reviewed submissions of each sample for the reliability diagram.</summary>
    private const int ReviewRounds = 25;

    [Fact]
    public void The_readme_pictures_are_what_the_plots_draw_from_the_samples()
    {
        var schema = EmbeddedSchemas.Get("invoice");

        var evaluation = GroundTruthEvaluator.Evaluate(schema, InvoiceSamples.Select(s => Simulate(schema, s, round: 0)));
        var reviewed = Enumerable.Range(0, ReviewRounds)
            .SelectMany(round => InvoiceSamples.Select(s => Simulate(schema, s, round)))
            .SelectMany(document => GroundTruthEvaluator.EvaluateDocument(schema, document).Fields.Where(f => document.Record.Fields.ContainsKey(f.Field))
                .Select(f => new ReviewedField(document.Record.DocumentId, f.Field, document.Record.Fields[f.Field].Confidence, f.Correct)))
            .ToList();
        var calibration = ReviewCalibrator.Calibrate(schema, reviewed, new CalibrationOptions { TargetPrecision = 0.95, MinSupport = 20 });

        Check("docs/images/accuracy.svg", AccuracyPlot.Draw(evaluation));
        Check("docs/images/reliability.svg", ReliabilityPlot.Draw(calibration));
    }

    private static void Check(string relative, string drawn)
    {
        SvgAssert.Parse(drawn);
        if (Environment.GetEnvironmentVariable("DOCPIPE_UPDATE_README_IMAGES") == "1")
        {
            File.WriteAllText(RepoPaths.Of(relative), drawn);
            return;
        }

        File.Exists(RepoPaths.Of(relative)).Should().BeTrue($"{relative} is in the README (DOCPIPE_UPDATE_README_IMAGES=1 draws it)");
        RepoPaths.ReadText(relative).Should().Be(drawn, $"{relative} is stale: rerun this test with DOCPIPE_UPDATE_README_IMAGES=1");
    }

    private static TruthDocument Simulate(ExtractionSchema schema, string sample, int round)
    {
        var truth = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, sample + ".truth.json")))!.AsObject();
        var fields = new Dictionary<string, FieldResult>();
        foreach (var (field, key) in TruthKeyMatcher.Match(schema, truth))
        {
            if (truth[key] is not JsonValue value)
            {
                continue;
            }

            var confidence = 0.3 + (0.69 * Unit($"{sample}/{field}/{round}/confidence"));
            var right = Unit($"{sample}/{field}/{round}/right") < confidence;
            var type = schema.Fields.Single(f => f.Name == field).Type;
            JsonNode answer = !right ? JsonValue.Create("(misread)")
                : type is FieldType.Currency or FieldType.Number && decimal.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var amount) ? JsonValue.Create(amount)
                : value.DeepClone();
            fields[field] = new FieldResult
            {
                Value = answer,
                Raw = answer.ToJsonString(),
                Found = true,
                Confidence = Math.Round(confidence, 3),
                Currency = type is FieldType.Currency ? (string?)truth["currency"] : null,
            };
        }

        var id = $"{sample}-{round}";
        var record = new DocumentRecord
        {
            Id = id,
            DocumentId = id,
            RunId = "readme",
            FieldsRunId = "readme",
            Source = new SourceInfo(null, sample + ".pdf", null, "readme", 1),
            Schema = new SchemaRef(schema.Name, schema.Version),
            Status = DocumentStatus.Completed,
            Fields = fields,
            CreatedAt = DateTime.UnixEpoch,
            UpdatedAt = DateTime.UnixEpoch,
        };
        return new TruthDocument(sample + ".pdf", record, truth);
    }

    /// <summary>A number in [0, 1) fixed by <paramref name="seed"/>.</summary>
    private static double Unit(string seed) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0) / (uint.MaxValue + 1.0);
}
