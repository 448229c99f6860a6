using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Grounding;

namespace FastVlm.DocPipeline.Tests.Extraction.Grounding;

/// <summary>Matching answers to hand-built text layers: the match stages, the equivalence tables, lists, the verdicts and hostile pages.</summary>
public class FieldGrounderTests
{
    /// <summary>A page whose lines are laid out top to bottom, 10 px per character, 20 px per line.</summary>
    private static PageText Page(params string[] lines)
    {
        var words = new List<TextWord>();
        for (var line = 0; line < lines.Length; line++)
        {
            var x = 10.0;
            foreach (var word in lines[line].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words.Add(new TextWord(word, new PixelBox(x, 10 + line * 20, x + word.Length * 10, 22 + line * 20), line));
                x += (word.Length + 1) * 10;
            }
        }

        return new PageText { Width = 1000, Height = 1000, Words = words };
    }

    private static (ExtractionSchema Schema, MergedFields Merged) One(FieldType type, string raw, int page = 1, string? locale = null, DateOrder? order = null)
    {
        var field = new SchemaField { Name = "f", Question = "?", Type = type, Values = type == FieldType.Enum ? ["card", "cash"] : null };
        var schema = new ExtractionSchema { Name = "s", Version = "1", Fields = [field], Locale = locale, DateOrder = order };
        var normalized = AnswerNormalizer.Normalize(schema, field, raw);
        var result = new FieldResult { Found = true, Raw = raw, Value = normalized.Value, Page = page, Confidence = 0.9, Issue = normalized.Issue };
        return (schema, new MergedFields(new Dictionary<string, FieldResult> { ["f"] = result }, false));
    }

    private static FieldResult Ground(FieldType type, string raw, PageText? page, string? locale = null, DateOrder? order = null)
    {
        var (schema, merged) = One(type, raw, locale: locale, order: order);
        var pages = page is null ? new Dictionary<int, PageText>() : new Dictionary<int, PageText> { [1] = page };
        return FieldGrounder.Ground(schema, merged, pages).Fields["f"];
    }

    private static string Covered(FieldResult result, PageText page) =>
        string.Join(' ', page.Words.Where(w => result.Location!.Boxes.Any(b => b.IntersectionOverUnion(b.Union(w.Box)) == 1)).Select(w => w.Text));

    [Fact]
    public void An_exact_answer_gets_the_box_of_its_words_and_score_one()
    {
        var page = Page("Invoice No. INV-2024-00317", "Total due");
        var result = Ground(FieldType.String, "INV-2024-00317", page);

        result.Grounding.Should().Be(GroundingStatus.Grounded);
        result.Location!.Match.Should().Be(GroundingMatch.Exact);
        result.Location.Score.Should().Be(1.0);
        result.Location.Page.Should().Be(1);
        result.Location.Boxes.Should().Equal(new PixelBox(130, 10, 270, 22));
    }

    [Theory]
    [InlineData("contoso ltd", "Bill to: CONTOSO LTD.")]
    [InlineData("Contoso Ltd", "Bill to: Contoso Ltd.")]
    [InlineData("ＡＢＣ-１２３", "Ref ABC-123")]
    [InlineData("DE44 5001 0517", "IBAN DE4450010517")]
    [InlineData("ﬁnance dept", "Attn: Finance Dept")]
    public void Case_spacing_punctuation_at_the_edges_and_compatibility_forms_are_folded(string answer, string line)
    {
        var result = Ground(FieldType.String, answer, Page(line));
        result.Location!.Match.Should().Be(GroundingMatch.Normalized);
        result.Location.Score.Should().BeLessThan(1);
    }

    [Fact]
    public void Extra_spaces_in_the_answer_still_match_exactly()
    {
        Ground(FieldType.String, " Contoso   Ltd. ", Page("Bill to: Contoso Ltd.")).Location!.Match.Should().Be(GroundingMatch.Exact);
    }

    [Theory]
    [InlineData("1234.56", "Total: 1.234,56 €", "1.234,56 €")]
    [InlineData("1234.56", "Total: € 1,234.56", "€ 1,234.56")]
    [InlineData("1234.56 EUR", "Amount due EUR 1 234,56 net", "EUR 1 234,56")]
    [InlineData("$1,234.56", "Total 1234.56 USD", "1234.56 USD")]
    [InlineData("-12.00", "Credit (12.00)", "(12.00)")]
    public void Amounts_match_whatever_their_grouping_symbol_or_code(string answer, string line, string expected)
    {
        var page = Page(line);
        var result = Ground(FieldType.Currency, answer, page);
        result.Grounding.Should().Be(GroundingStatus.Grounded, line);
        Covered(result, page).Should().Be(expected);
    }

    [Theory]
    [InlineData("2026-03-01", "Date: 01.03.2026", "01.03.2026", null)]
    [InlineData("2026-03-01", "Issued March 1, 2026 in Hamburg", "March 1, 2026", null)]
    [InlineData("2026-03-01", "Issued on 1 March 2026", "1 March 2026", null)]
    [InlineData("2026-03-01", "Datum 1. März 2026", "1. März 2026", null)]
    [InlineData("1 March 2026", "Due 2026-03-01", "2026-03-01", null)]
    [InlineData("2026-03-01", "Date 01/03/2026", "01/03/2026", DateOrder.DayMonthYear)]
    public void Dates_match_in_any_written_form_and_labels_are_left_out(string answer, string line, string expected, DateOrder? order)
    {
        var page = Page("Invoice Date 2025", line);
        var result = Ground(FieldType.Date, answer, page, order: order);
        result.Grounding.Should().Be(GroundingStatus.Grounded, line);
        Covered(result, page).Should().Be(expected);
    }

    [Fact]
    public void A_wrong_amount_is_not_matched_by_being_close()
    {
        var result = Ground(FieldType.Currency, "2942.69", Page("Total Due GBP 2,942.96"));
        result.Grounding.Should().Be(GroundingStatus.NotOnPage);
        result.Issue.Should().Be(AnswerIssues.NotOnPage);
        result.NeedsReview.Should().BeTrue();
        result.Location.Should().BeNull();
    }

    [Fact]
    public void A_near_miss_string_matches_fuzzily_with_a_lower_score()
    {
        var page = Page("Northwind Office Supply GmbH", "Hafenstrasse 12");
        var result = Ground(FieldType.String, "Northwind Ofice Suply GmbH", page);

        result.Location!.Match.Should().Be(GroundingMatch.Fuzzy);
        result.Location.Score.Should().BeApproximately(1 - 2.0 / "northwindoficesuplygmbh".Length, 1e-3);
        Covered(result, page).Should().Be("Northwind Office Supply GmbH");
    }

    [Fact]
    public void A_string_too_far_from_anything_on_a_page_with_text_is_not_on_page()
    {
        var result = Ground(FieldType.String, "Fabrikam Holdings", Page("Northwind Office Supply GmbH"));
        result.Grounding.Should().Be(GroundingStatus.NotOnPage);
        result.NeedsReview.Should().BeTrue();
    }

    [Fact]
    public void Without_a_text_layer_grounding_is_unavailable_and_nothing_else_changes()
    {
        var (schema, merged) = One(FieldType.String, "Contoso");
        var result = FieldGrounder.Ground(schema, merged, new Dictionary<int, PageText>());

        result.Fields["f"].Should().Be(merged.Fields["f"] with { Grounding = GroundingStatus.Unavailable });
        result.NeedsReview.Should().BeFalse();
    }

    [Fact]
    public void A_value_found_on_another_page_is_located_there()
    {
        var (schema, merged) = One(FieldType.String, "FIP-88412", page: 1);
        var pages = new Dictionary<int, PageText> { [1] = Page("Fabrikam"), [2] = Page("Invoice FIP-88412 (continued)") };

        var location = FieldGrounder.Ground(schema, merged, pages).Fields["f"].Location!;

        location.Page.Should().Be(2);
    }

    [Fact]
    public void A_value_over_two_lines_gets_one_box_per_line()
    {
        var result = Ground(FieldType.String, "Unit 5, Riverside Trading Estate, Bristol BS2 0JA", Page("Unit 5, Riverside Trading Estate", "Bristol BS2 0JA"));
        result.Location!.Boxes.Should().HaveCount(2);
    }

    [Fact]
    public void Every_list_item_gets_its_own_location_and_a_missing_one_makes_the_list_partial()
    {
        var page = Page("Ergonomic office chair 289.00", "Monitor arm, dual 84.90");
        var (schema, merged) = One(FieldType.List, "Ergonomic office chair\nMonitor arm, dual\nStanding desk");

        var result = FieldGrounder.Ground(schema, merged, new Dictionary<int, PageText> { [1] = page });
        var field = result.Fields["f"];

        field.ItemLocations.Should().HaveCount(3);
        field.ItemLocations![0]!.Boxes.Should().ContainSingle().Which.Top.Should().Be(10);
        field.ItemLocations[1]!.Boxes.Should().ContainSingle().Which.Top.Should().Be(30);
        field.ItemLocations[2].Should().BeNull();
        field.Location.Should().Be(field.ItemLocations[0]);
        field.Grounding.Should().Be(GroundingStatus.Partial);
        field.Issue.Should().Be(AnswerIssues.NotOnPage);
        result.NeedsReview.Should().BeTrue();
    }

    [Fact]
    public void Booleans_are_not_grounded_and_an_enum_not_printed_is_no_claim()
    {
        Ground(FieldType.Boolean, "yes", Page("Paid in full")).Grounding.Should().BeNull();
        var absent = Ground(FieldType.Enum, "cash", Page("Card (contactless) ****4417"));
        absent.Grounding.Should().BeNull();
        absent.NeedsReview.Should().BeFalse();
        Ground(FieldType.Enum, "card", Page("Card (contactless) ****4417")).Grounding.Should().Be(GroundingStatus.Grounded);
    }

    [Fact]
    public void A_field_that_was_not_found_is_left_alone()
    {
        var field = new SchemaField { Name = "f", Question = "?" };
        var schema = new ExtractionSchema { Name = "s", Version = "1", Fields = [field] };
        var notFound = new FieldResult { Found = false, Confidence = 0.8 };
        var merged = new MergedFields(new Dictionary<string, FieldResult> { ["f"] = notFound }, false);

        FieldGrounder.Ground(schema, merged, new Dictionary<int, PageText> { [1] = Page("anything") }).Fields["f"].Should().Be(notFound);
    }

    [Fact]
    public void Hostile_pages_huge_garbage_and_empty_are_handled_within_bounds()
    {
        var garbage = Enumerable.Range(0, 200_000).Select(i => new TextWord(i % 7 == 0 ? "\uD800\uFFFF" : new string((char)(0x4E00 + i % 500), 3), new PixelBox(0, 0, 1, 1), i / 50)).ToList();
        garbage.Add(new TextWord("ACME-42", new PixelBox(5, 5, 50, 15), 9999));
        var huge = new PageText { Width = 10, Height = 10, Words = garbage };

        var beyondTheCap = Ground(FieldType.String, "ACME-42", huge);
        beyondTheCap.Grounding.Should().Be(GroundingStatus.NotOnPage, "only the first PageTextIndex.MaxWords words are searched");
        Ground(FieldType.String, new string('x', 5000), huge).Grounding.Should().Be(GroundingStatus.NotOnPage);
        Ground(FieldType.String, "\uD800", Page("a b")).Grounding.Should().Be(GroundingStatus.NotOnPage);
        Ground(FieldType.String, "Contoso", new PageText { Width = 1, Height = 1, Words = [] }).Grounding.Should().Be(GroundingStatus.NotOnPage);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3, 3)]
    [InlineData("kitten", "sitting", 2, null)]
    [InlineData("", "abc", 3, 3)]
    [InlineData("abcdef", "abcdef", 0, 0)]
    [InlineData("abcdefgh", "abdcefgh", 2, 2)]
    [InlineData("short", "a much longer text", 4, null)]
    public void The_banded_edit_distance_is_exact_within_its_bound(string a, string b, int max, int? expected)
    {
        BoundedEditDistance.Compute(a, b, max).Should().Be(expected);
    }
}
