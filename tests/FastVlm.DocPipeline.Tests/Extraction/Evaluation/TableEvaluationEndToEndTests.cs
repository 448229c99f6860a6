using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli.Evaluate;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Evaluation;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Extraction.Evaluation;

/// <summary>
/// samples/invoice-multipage.pdf through the real workflow with the invoice-lines schema and a model that answers each
/// page's line items as its truth file places them: all 46 rows are recalled; a dropped row and a wrong cell show exactly.
/// </summary>
public sealed class TableEvaluationEndToEndTests : IDisposable
{
    private static readonly string[] Columns = ["description", "quantity", "unitPrice", "amount"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-table-eval-" + Guid.NewGuid().ToString("N"));
    private readonly string _pdf;
    private readonly JsonObject _truth;

    public TableEvaluationEndToEndTests()
    {
        Directory.CreateDirectory(_root);
        _pdf = Path.Combine(_root, "invoice-multipage.pdf");
        File.Copy(Path.Combine(RepoPaths.Samples, "invoice-multipage.pdf"), _pdf);
        File.Copy(Path.Combine(RepoPaths.Samples, "invoice-multipage.truth.json"), Path.Combine(_root, "invoice-multipage.truth.json"));
        _truth = JsonNode.Parse(File.ReadAllText(Path.Combine(_root, "invoice-multipage.truth.json")))!.AsObject();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Every_line_item_of_the_two_pages_is_recalled_and_a_dropped_row_and_a_wrong_cell_are_scored_as_such()
    {
        var rowsByPage = RowsByPage();
        rowsByPage.Keys.Should().Equal([1, 2], "the line items run over two pages");
        rowsByPage.Values.Sum(rows => rows.Count).Should().Be(46);

        var (perfect, perfectText) = await EvaluateAsync(rowsByPage, "data-perfect");

        var table = perfect.Documents.Single().Fields.Single(f => f.Field == "lineItems");
        table.Table!.Should().BeEquivalentTo(new { ExpectedRows = 46, ExtractedRows = 46, CorrectRows = 46, MatchedRows = 46 });
        (table.Correct, table.Precision, table.Recall).Should().Be((true, 1.0, 1.0));
        perfect.Fields.Single(f => f.Field == "lineItems").Columns!.Select(c => (c.Column, c.Accuracy)).Should().Equal(Columns.Select(c => (c, (double?)1.0)));
        perfectText.Should().Contain("lineItems rows: 46 right of 46 expected and 46 extracted; by column: description 100.0%, quantity 100.0%, unitPrice 100.0%, amount 100.0%");
        JsonNode.Parse(EvalPrinter.ToJson(perfect))!["documents"]![0]!["fields"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == "lineItems")!["table"]!["correctRows"]!.GetValue<int>().Should().Be(46);

        var flawed = rowsByPage.ToDictionary(p => p.Key, p => p.Value.ToList());
        var dropped = flawed[2][^1];
        flawed[2].RemoveAt(flawed[2].Count - 1);
        var wrongRow = flawed[1][3];
        var (scored, _) = await EvaluateAsync(flawed, "data-flawed", (wrongRow, "amount", "1.11"));

        var flawedTable = scored.Documents.Single().Fields.Single(f => f.Field == "lineItems").Table!;
        flawedTable.Should().BeEquivalentTo(new { ExpectedRows = 46, ExtractedRows = 45, CorrectRows = 44, MatchedRows = 45 });
        flawedTable.Columns.Select(c => (c.Column, c.Correct)).Should().Equal(("description", 45), ("quantity", 45), ("unitPrice", 45), ("amount", 44));
        dropped.Should().NotBe(wrongRow);
    }

    /// <summary>Truth row indexes by the page the sample generator drew them on.</summary>
    private SortedDictionary<int, List<int>> RowsByPage()
    {
        var pages = new SortedDictionary<int, List<int>>();
        foreach (var value in _truth["truthBoxes"]!["values"]!.AsArray())
        {
            if (value!["key"]!.GetValue<string>().Split('/') is ["lineItems", var index, "description"])
            {
                var page = value["page"]!.GetValue<int>();
                pages.TryAdd(page, []);
                pages[page].Add(int.Parse(index, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return pages;
    }

    private async Task<(EvaluationReport Report, string Text)> EvaluateAsync(
        IReadOnlyDictionary<int, List<int>> rowsByPage, string data, (int Row, string Column, string Text)? wrongCell = null)
    {
        var schema = await SchemaLoader.ResolveAsync("invoice-lines");
        var items = _truth["lineItems"]!.AsArray();
        string Cell(int row, string column) => wrongCell is { } w && w.Row == row && w.Column == column ? w.Text : items[row]![column]!.GetValue<string>();
        string Truth(string key) => _truth[key]!.GetValue<string>();
        var currency = Truth("currency");
        var images = await RenderAsync();
        var pages = images.Select((image, index) =>
        {
            var answers = new Dictionary<string, string>
            {
                ["invoiceNumber"] = Truth("invoiceNumber"),
                ["invoiceDate"] = Truth("invoiceDate"),
                ["dueDate"] = Truth("dueDate"),
                ["vendorName"] = Truth("vendor"),
                ["subtotal"] = $"{Truth("subtotal")} {currency}",
                ["tax"] = $"{Truth("tax")} {currency}",
                ["total"] = $"{Truth("total")} {currency}",
                ["lineItems"] = string.Join("\n", rowsByPage.GetValueOrDefault(index + 1, []).Select(r => string.Join(" | ", Columns.Select(c => Cell(r, c))))),
            };
            return (image, (IReadOnlyDictionary<string, string>)schema.Fields.ToDictionary(f => f.Question, f => answers[f.Name]));
        }).ToArray();

        var outcome = await new EvalRunner(schema, Path.Combine(_root, data)).RunAsync([_pdf], new PageScriptedModel(pages), new StringWriter(), CancellationToken.None);
        outcome.Notes.Should().BeEmpty();
        var text = new StringWriter();
        EvalPrinter.WriteTable(text, outcome.Report);
        return (outcome.Report, text.ToString());
    }

    private async Task<RgbImage[]> RenderAsync()
    {
        await using var stream = File.OpenRead(_pdf);
        using var document = await new DocumentRasterizer(new RasterizationOptions { TargetLongestSide = PageScriptedModel.ImageSize }).OpenAsync(stream, "invoice-multipage.pdf");
        var images = new RgbImage[document.PageCount];
        for (var page = 0; page < images.Length; page++)
        {
            images[page] = (await document.RenderPageAsync(page)).Image;
        }

        return images;
    }
}
