using System.Globalization;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Grounding;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Tests.TestSupport;
using Xunit.Abstractions;

namespace FastVlm.DocPipeline.Tests.Extraction.Grounding;

/// <summary>
/// The truth answers of the samples, grounded in the text layer PDFium gives at 1024 px, against the boxes where the
/// sample generator drew each value (samples/*.truth.json, <c>truthBoxes</c>).
/// </summary>
public sealed class SampleGroundingTests(ITestOutputHelper output)
{
    private static readonly HashSet<string> Dates = ["invoiceDate", "dueDate", "date", "shipDate", "startDate"];
    private static readonly HashSet<string> Amounts = ["subtotal", "tax", "total", "unitPrice", "amount"];
    private static readonly HashSet<string> Numbers = ["quantity", "totalUnits"];

    public static TheoryData<string> BornDigital => ["invoice-simple", "invoice-multipage", "receipt", "form-filled", "landscape-manifest", "rotated-invoice"];

    [Fact]
    public async Task Truth_values_are_found_where_the_generator_drew_them_on_the_born_digital_samples()
    {
        var total = 0;
        var hits = 0;
        foreach (var sample in BornDigital)
        {
            var (count, good, worst) = await GroundSampleAsync(sample);
            output.WriteLine($"{sample}: {good}/{count} values with IoU >= 0.5; worst: {worst}");
            total += count;
            hits += good;
        }

        output.WriteLine($"all: {hits}/{total} = {(double)hits / total:P1}");
        var (cellCount, cellHits) = (0, 0);
        foreach (var sample in BornDigital)
        {
            var (count, good, _) = await GroundSampleAsync(sample, cells: true);
            (cellCount, cellHits) = (cellCount + count, cellHits + good);
        }

        output.WriteLine($"table cells (not asserted): {cellHits}/{cellCount}");
        total.Should().BeGreaterThan(90);
        ((double)hits / total).Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public async Task On_the_scanned_sample_grounding_is_unavailable_and_no_box_is_invented()
    {
        var (schema, fields, _, pages) = await PrepareAsync("scanned-invoice", ["vendor", "invoiceNumber", "total", "invoiceDate"]);
        pages.Should().BeEmpty("a scan has no text layer");

        var grounded = FieldGrounder.Ground(schema, new MergedFields(fields, false), pages);

        grounded.Fields.Values.Should().OnlyContain(f => f.Grounding == GroundingStatus.Unavailable && f.Location == null && f.Issue == null);
        grounded.NeedsReview.Should().BeFalse();
    }

    private static bool IsCell(string key) => key.Split('/') is [_, _, "quantity" or "unitPrice" or "amount"];

    private async Task<(int Count, int Good, string Worst)> GroundSampleAsync(string sample, bool cells = false)
    {
        var truth = Truth(sample);
        // Table cells (a line item's quantity, unit price, amount) are no schema field, and a short number recurs in a
        // table: the first occurrence on the page is taken, so they are reported apart from the fields.
        var values = new JsonArray(truth["truthBoxes"]!["values"]!.AsArray()
            .Where(v => cells == IsCell(v!["key"]!.GetValue<string>())).Select(v => v!.DeepClone()).ToArray());
        var keys = values.Select(v => v!["key"]!.GetValue<string>()).ToArray();
        var (schema, fields, names, pages) = await PrepareAsync(sample, keys);
        pages.Should().NotBeEmpty();
        var grounded = FieldGrounder.Ground(schema, new MergedFields(fields, false), pages);

        var good = 0;
        var worst = (Iou: 2.0, What: "");
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i]!;
            var page = value["page"]!.GetValue<int>();
            var scale = Scale(truth, page, pages[page]);
            var expected = value["boxes"]!.AsArray()
                .Select(b => new PixelBox(b![0]!.GetValue<double>() * scale, b[1]!.GetValue<double>() * scale, b[2]!.GetValue<double>() * scale, b[3]!.GetValue<double>() * scale))
                .Aggregate((a, b) => a.Union(b));
            var result = grounded.Fields[names[i]];
            var iou = result.Location is { } location && location.Page == page
                ? location.Boxes.Aggregate((a, b) => a.Union(b)).IntersectionOverUnion(expected)
                : 0;
            good += iou >= 0.5 ? 1 : 0;
            if (iou < 0.5)
            {
                output.WriteLine($"  {sample} {keys[i]} '{result.Raw}' {result.Grounding} {result.Location?.Match} IoU {iou:F2}");
            }

            if (iou < worst.Iou)
            {
                worst = (iou, $"{keys[i]} '{result.Raw}' {result.Grounding} {result.Location?.Match} IoU {iou:F2}");
            }
        }

        return (values.Count, good, worst.What);
    }

    /// <summary>One field per truth key, answered with the truth value and normalised as the pipeline does; every page's text layer.</summary>
    private static async Task<(ExtractionSchema Schema, Dictionary<string, FieldResult> Fields, string[] Names, Dictionary<int, PageText> Pages)> PrepareAsync(
        string sample, IReadOnlyList<string> keys)
    {
        var truth = Truth(sample);
        var names = keys.Select((k, i) => $"f{i}").ToArray();
        var schemaFields = keys.Select((k, i) => new SchemaField { Name = names[i], Question = k, Type = TypeOf(k) }).ToArray();
        var schema = new ExtractionSchema
        {
            Name = "truth",
            Version = "1",
            Fields = schemaFields,
            DateOrder = sample == "receipt" ? DateOrder.DayMonthYear : null,
        };
        var pages = new Dictionary<int, PageText>();
        await using (var stream = File.OpenRead(Path.Combine(RepoPaths.Samples, sample + ".pdf")))
        {
            using var document = await new DocumentRasterizer().OpenAsync(stream, sample + ".pdf");
            for (var page = 1; page <= document.PageCount; page++)
            {
                if ((await document.RenderPageAsync(page - 1)).Text is { } text)
                {
                    pages[page] = text;
                }
            }
        }

        var fields = new Dictionary<string, FieldResult>();
        for (var i = 0; i < keys.Count; i++)
        {
            var answer = Answer(truth, keys[i]);
            var page = truth["truthBoxes"]?["values"]?.AsArray().FirstOrDefault(v => v!["key"]!.GetValue<string>() == keys[i])?["page"]?.GetValue<int>() ?? 1;
            var normalized = AnswerNormalizer.Normalize(schema, schemaFields[i], answer);
            fields[names[i]] = new FieldResult { Found = true, Raw = answer, Value = normalized.Value, Page = page, Confidence = 0.9 };
        }

        return (schema, fields, names, pages);
    }

    private static JsonObject Truth(string sample) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, sample + ".truth.json")))!.AsObject();

    /// <summary><c>lineItems/2/amount</c> or a top-level key, as text.</summary>
    private static string Answer(JsonObject truth, string key)
    {
        JsonNode node = truth;
        foreach (var part in key.Split('/'))
        {
            node = int.TryParse(part, CultureInfo.InvariantCulture, out var index) ? node[index]! : node[part]!;
        }

        return node.ToString();
    }

    private static FieldType TypeOf(string key)
    {
        var last = key.Split('/')[^1];
        return Dates.Contains(last) ? FieldType.Date : Amounts.Contains(last) ? FieldType.Currency : Numbers.Contains(last) ? FieldType.Number : FieldType.String;
    }

    /// <summary>Points → pixels of the rendered page (the truth gives the displayed page size in points).</summary>
    private static double Scale(JsonObject truth, int page, PageText text)
    {
        var size = truth["truthBoxes"]!["pages"]![page - 1]!.AsArray();
        var scale = text.Width / size[0]!.GetValue<double>();
        (text.Height / size[1]!.GetValue<double>()).Should().BeApproximately(scale, 0.01 * scale, "the image keeps the page's aspect ratio");
        return scale;
    }
}
