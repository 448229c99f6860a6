using System.Globalization;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli.Evaluate;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Evaluation;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Extraction.Evaluation;

/// <summary>
/// samples/invoice-simple.pdf through the real workflow (PDFium, activities, merge, file store) with a model that
/// answers what its truth file says: every comparable field is right; wrong answers are exactly the ones marked wrong.
/// </summary>
public sealed class EvaluationEndToEndTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-eval-" + Guid.NewGuid().ToString("N"));
    private readonly string _pdf;
    private readonly JsonObject _truth;

    public EvaluationEndToEndTests()
    {
        Directory.CreateDirectory(_root);
        _pdf = Path.Combine(_root, "invoice-simple.pdf");
        File.Copy(Path.Combine(RepoPaths.Samples, "invoice-simple.pdf"), _pdf);
        File.Copy(Path.Combine(RepoPaths.Samples, "invoice-simple.truth.json"), Path.Combine(_root, "invoice-simple.truth.json"));
        File.Copy(Path.Combine(RepoPaths.Samples, "receipt.pdf"), Path.Combine(_root, "receipt.pdf"));
        _truth = JsonNode.Parse(File.ReadAllText(Path.Combine(_root, "invoice-simple.truth.json")))!.AsObject();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Truth(string key) => _truth[key]!.GetValue<string>();

    private IReadOnlyList<string> TruthItems() => _truth["lineItems"]!.AsArray().Select(i => i!["description"]!.GetValue<string>()).ToList();

    /// <summary>Invoice schema field → what a perfect model would answer, written from the truth file.</summary>
    private Dictionary<string, string> PerfectAnswers() => new()
    {
        ["invoiceNumber"] = Truth("invoiceNumber"),
        ["invoiceDate"] = Truth("invoiceDate"),
        ["dueDate"] = Truth("dueDate"),
        ["vendorName"] = Truth("vendor"),
        ["customerName"] = Truth("customer"),
        ["purchaseOrder"] = Truth("purchaseOrder"),
        ["subtotal"] = $"{Truth("subtotal")} {Truth("currency")}",
        ["tax"] = $"{Truth("tax")} {Truth("currency")}",
        ["total"] = $"{Truth("total")} {Truth("currency")}",
        ["lineItems"] = string.Join("\n", TruthItems()),
    };

    private static async Task<ExtractionSchema> InvoiceAsync() => await SchemaLoader.ResolveAsync(Path.Combine(RepoPaths.Samples, "schemas", "invoice.json"));

    private async Task<(EvalRunner.Outcome Outcome, string Progress)> EvaluateAsync(Dictionary<string, string> answersByField, string data)
    {
        var schema = await InvoiceAsync();
        var byQuestion = schema.Fields.ToDictionary(f => f.Question, f => answersByField[f.Name]);
        var progress = new StringWriter();
        var files = new[] { _pdf, Path.Combine(_root, "receipt.pdf") };
        var outcome = await new EvalRunner(schema, data).RunAsync(files, new QuestionScriptedModel(byQuestion), progress, CancellationToken.None);
        return (outcome, progress.ToString());
    }

    [Fact]
    public async Task Truthful_answers_score_every_comparable_field_correct_and_wrong_ones_exactly_those_fields_wrong()
    {
        var schema = await InvoiceAsync();
        var (perfect, _) = await EvaluateAsync(PerfectAnswers(), Path.Combine(_root, "data-perfect"));

        perfect.Notes.Should().ContainSingle().Which.Should().Contain("receipt.pdf").And.Contain("receipt.truth.json");
        var document = perfect.Report.Documents.Should().ContainSingle().Subject;
        document.Fields.Select(f => f.Field).Should().Equal(schema.Fields.Select(f => f.Name), "every invoice schema field has a truth key");
        document.Fields.Where(f => !f.Correct).Select(f => $"{f.Field}: expected {f.Expected?.ToJsonString()}, got {f.Actual?.ToJsonString()} ({f.Raw})")
            .Should().BeEmpty();
        perfect.Report.Accuracy.Should().Be(1.0);
        document.SkippedTruthFields.Select(s => s.Key).Should().BeEquivalentTo("vendorAddress", "currency", "taxRate", "lineItemCount");
        document.Fields.Single(f => f.Field == "lineItems").Recall.Should().Be(1.0);

        var wrong = PerfectAnswers();
        var otherCurrency = Truth("currency") == "EUR" ? "USD" : "EUR";
        var totalPlusCent = (decimal.Parse(Truth("total"), CultureInfo.InvariantCulture) + 0.01m).ToString(CultureInfo.InvariantCulture);
        var items = TruthItems();
        wrong["invoiceNumber"] = Truth("invoiceNumber") + "9";
        wrong["total"] = $"{totalPlusCent} {Truth("currency")}";
        wrong["tax"] = $"{Truth("tax")} {otherCurrency}";
        wrong["lineItems"] = string.Join("\n", items.Take(items.Count - 1));

        var (scored, _) = await EvaluateAsync(wrong, Path.Combine(_root, "data-wrong"));

        var fields = scored.Report.Documents.Single().Fields;
        fields.Where(f => !f.Correct).Select(f => f.Field).Should().BeEquivalentTo("invoiceNumber", "total", "tax", "lineItems");
        var list = fields.Single(f => f.Field == "lineItems");
        list.Precision.Should().Be(1.0);
        list.Recall.Should().BeApproximately((items.Count - 1) / (double)items.Count, 1e-9);
        scored.Report.Correct.Should().Be(schema.Fields.Count - 4);
    }

    [Fact]
    public async Task A_second_evaluation_with_the_same_data_directory_reuses_the_stored_extraction()
    {
        var data = Path.Combine(_root, "data");
        await EvaluateAsync(PerfectAnswers(), data);
        var wrong = PerfectAnswers();
        wrong["invoiceNumber"] = "nothing like it";

        var (again, progress) = await EvaluateAsync(wrong, data);

        again.Report.Accuracy.Should().Be(1.0, "the document was already extracted into this data directory");
        progress.Should().Contain("already done");
    }
}
