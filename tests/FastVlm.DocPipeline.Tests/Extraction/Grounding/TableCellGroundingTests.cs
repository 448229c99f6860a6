using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Grounding;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Tests.TestSupport;
using Xunit.Abstractions;

namespace FastVlm.DocPipeline.Tests.Extraction.Grounding;

/// <summary>
/// The line items of the invoice samples answered as a table (each page its own rows, as a truthful model would), merged
/// and grounded as the pipeline does, against the boxes where the sample generator drew each cell (<c>truthBoxes</c>).
/// </summary>
public sealed class TableCellGroundingTests(ITestOutputHelper output)
{
    private static readonly string[] Columns = ["description", "quantity", "unitPrice", "amount"];

    [Fact]
    public async Task Cell_boxes_overlap_where_the_generator_drew_the_cells_on_the_born_digital_invoices()
    {
        var (total, good) = (0, 0);
        foreach (var sample in new[] { "invoice-simple", "invoice-multipage", "rotated-invoice" })
        {
            var truth = Truth(sample);
            var pages = await TextLayersAsync(sample);
            var field = await GroundedTableAsync(truth, pages, PagesOfRows(truth));
            var rows = field.Rows!;
            rows.Should().HaveCount(truth["lineItems"]!.AsArray().Count);
            var boxes = truth["truthBoxes"]!["values"]!.AsArray().ToDictionary(v => v!["key"]!.GetValue<string>(), v => v!);
            var sampleGood = 0;
            for (var r = 0; r < rows.Count; r++)
            {
                foreach (var column in Columns)
                {
                    var expected = boxes[$"lineItems/{r}/{column}"];
                    var page = expected["page"]!.GetValue<int>();
                    var scale = pages[page].Width / truth["truthBoxes"]!["pages"]![page - 1]![0]!.GetValue<double>();
                    var box = expected["boxes"]!.AsArray()
                        .Select(b => new PixelBox(b![0]!.GetValue<double>() * scale, b[1]!.GetValue<double>() * scale, b[2]!.GetValue<double>() * scale, b[3]!.GetValue<double>() * scale))
                        .Aggregate((a, b) => a.Union(b));
                    var cell = rows[r].Cells[column];
                    var iou = cell.Location is { } location && location.Page == page ? location.Boxes.Aggregate((a, b) => a.Union(b)).IntersectionOverUnion(box) : 0;
                    sampleGood += iou >= 0.5 ? 1 : 0;
                    if (iou < 0.5)
                    {
                        output.WriteLine($"  {sample} row {r} {column} '{cell.Raw}' {cell.Grounding} {cell.Location?.Match} IoU {iou:F2}");
                    }
                }
            }

            output.WriteLine($"{sample}: {sampleGood}/{rows.Count * Columns.Length} cells with IoU >= 0.5");
            (total, good) = (total + rows.Count * Columns.Length, good + sampleGood);
        }

        output.WriteLine($"all: {good}/{total} = {(double)good / total:P1}");
        total.Should().Be((5 + 46 + 3) * Columns.Length);
        ((double)good / total).Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public async Task The_multipage_invoice_rows_are_read_from_both_pages_and_every_cell_is_grounded_on_its_own_page()
    {
        var truth = Truth("invoice-multipage");
        var byPage = PagesOfRows(truth);
        byPage.Keys.Should().Equal([1, 2], "the 46 line items run over two pages");

        var field = await GroundedTableAsync(truth, await TextLayersAsync("invoice-multipage"), byPage);

        field.Grounding.Should().Be(GroundingStatus.Grounded);
        field.Rows!.Select(r => r.Page).Should().Equal(byPage.SelectMany(p => p.Value.Select(_ => p.Key)));
        field.Rows!.SelectMany(r => r.Cells.Values).Should().OnlyContain(c => c.Grounding == GroundingStatus.Grounded && c.Location != null);
        field.Rows!.Should().OnlyContain(r => r.Cells.Values.All(c => c.Location!.Page == r.Page));
    }

    [Fact]
    public async Task A_row_that_is_not_on_the_page_makes_the_table_partial_and_needs_review()
    {
        var truth = Truth("invoice-simple");
        var items = truth["lineItems"]!.AsArray();
        items.Add(new JsonObject { ["description"] = "Gold-plated stapler", ["quantity"] = "7", ["unitPrice"] = "999.99", ["amount"] = "6999.93" });

        var field = await GroundedTableAsync(truth, await TextLayersAsync("invoice-simple"), new Dictionary<int, List<int>> { [1] = [.. Enumerable.Range(0, items.Count)] });

        field.Grounding.Should().Be(GroundingStatus.Partial);
        field.NeedsReview.Should().BeTrue();
        var invented = field.Rows![^1].Cells;
        new[] { "description", "unitPrice", "amount" }.Should().OnlyContain(c => invented[c].Grounding == GroundingStatus.NotOnPage && invented[c].Location == null);
        field.Rows!.SkipLast(1).SelectMany(r => r.Cells.Values).Should().OnlyContain(c => c.Grounding == GroundingStatus.Grounded);
    }

    [Fact]
    public async Task On_the_scanned_invoice_no_cell_box_is_invented()
    {
        var pages = await TextLayersAsync("scanned-invoice");
        pages.Should().BeEmpty("a scan has no text layer");
        var rows = new JsonArray(new JsonObject { ["description"] = "Consulting", ["quantity"] = "2", ["unitPrice"] = "100.00", ["amount"] = "200.00" });

        var field = await GroundedTableAsync(new JsonObject { ["lineItems"] = rows }, pages, new Dictionary<int, List<int>> { [1] = [0] });

        field.Grounding.Should().Be(GroundingStatus.Unavailable);
        field.Location.Should().BeNull();
        field.Rows!.Single().Cells.Values.Should().OnlyContain(c => c.Grounding == GroundingStatus.Unavailable && c.Location == null);
    }

    /// <summary>Truth row indexes by the page the generator drew them on.</summary>
    private static SortedDictionary<int, List<int>> PagesOfRows(JsonObject truth)
    {
        var pages = new SortedDictionary<int, List<int>>();
        foreach (var value in truth["truthBoxes"]!["values"]!.AsArray())
        {
            var key = value!["key"]!.GetValue<string>().Split('/');
            if (key is ["lineItems", var index, "description"])
            {
                var page = value["page"]!.GetValue<int>();
                pages.TryAdd(page, []);
                pages[page].Add(int.Parse(index, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return pages;
    }

    private static async Task<FieldResult> GroundedTableAsync(JsonObject truth, Dictionary<int, PageText> text, IDictionary<int, List<int>> rowsByPage)
    {
        var schema = await SchemaLoader.ResolveAsync("invoice-lines");
        var table = schema.Fields.Single(f => f.Name == "lineItems");
        var items = truth["lineItems"]!.AsArray();
        var answers = rowsByPage.Select(p => new PageAnswers(p.Key, new Dictionary<string, PageAnswer>
        {
            ["lineItems"] = AnswerNormalizer.ToPageAnswer(schema, table, Generated(string.Join("\n", p.Value.Select(i => string.Join(" | ", Columns.Select(c => items[i]![c]!.GetValue<string>())))))),
        }));
        var pageCount = Math.Max(text.Keys.DefaultIfEmpty(1).Max(), rowsByPage.Keys.Max());
        var merged = FieldMerger.Merge(schema, answers, pageCount);
        return FieldGrounder.Ground(schema, merged, text).Fields["lineItems"];
    }

    private static GenerationResult Generated(string text) => new()
    {
        Text = text,
        TokenIds = [1, 2],
        TokenLogprobs = [-0.01f, -0.01f],
        PromptTokenCount = 10,
        ImageTokenCount = 4,
        FinishReason = FinishReason.Stop,
        Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 2),
    };

    private static async Task<Dictionary<int, PageText>> TextLayersAsync(string sample)
    {
        var pages = new Dictionary<int, PageText>();
        await using var stream = File.OpenRead(Path.Combine(RepoPaths.Samples, sample + ".pdf"));
        using var document = await new DocumentRasterizer().OpenAsync(stream, sample + ".pdf");
        for (var page = 1; page <= document.PageCount; page++)
        {
            if ((await document.RenderPageAsync(page - 1)).Text is { } text)
            {
                pages[page] = text;
            }
        }

        return pages;
    }

    private static JsonObject Truth(string sample) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, sample + ".truth.json")))!.AsObject();
}
