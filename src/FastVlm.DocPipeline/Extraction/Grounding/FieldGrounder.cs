using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Grounding;

/// <summary>
/// Finds every merged value in the text layer of its page (see <see cref="TextLocator"/>) and records where it is.
/// A value on a page that has a text layer but not in it gets the issue <c>not_on_page</c> and needs review; on a
/// page without a text layer (a scan, an image) grounding is <c>unavailable</c> and no box is given. Booleans are
/// not grounded, and an enum value not written on the page is no claim either way (a category need not be printed).
/// A table is grounded cell by cell (see <see cref="TableCellGrounder"/>).
/// A field's alternatives are grounded the same way, on the field's page only; they never change the field's review state.
/// </summary>
public static class FieldGrounder
{
    /// <summary>Other pages are searched too (after the value's own page) only for documents up to this many pages.</summary>
    public const int MaxPagesSearched = 20;

    /// <summary>Loads the stored text layers the fields need from <paramref name="store"/> and grounds every field.</summary>
    public static async Task<MergedFields> GroundAsync(
        ExtractionSchema schema, MergedFields merged, int pageCount, IPageImageStore store, string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(store);
        var wanted = pageCount <= MaxPagesSearched
            ? Enumerable.Range(1, Math.Max(0, pageCount))
            : merged.Fields.Values.Where(f => f.Page is not null).Select(f => f.Page!.Value).Concat(TableCellGrounder.PagesOfRows(merged)).Distinct();
        var pages = new Dictionary<int, PageText>();
        foreach (var page in wanted.Order())
        {
            if (await store.GetPageTextAsync(documentId, page, cancellationToken).ConfigureAwait(false) is { } text)
            {
                pages[page] = text;
            }
        }

        return Ground(schema, merged, pages);
    }

    /// <summary>Grounds every field against the given text layers (a page missing from <paramref name="pages"/> has none).</summary>
    public static MergedFields Ground(ExtractionSchema schema, MergedFields merged, IReadOnlyDictionary<int, PageText> pages)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(pages);
        var indexes = pages.OrderBy(p => p.Key).Select(p => new PageTextIndex(p.Key, p.Value)).ToArray();
        var fields = new Dictionary<string, FieldResult>(StringComparer.Ordinal);
        foreach (var (name, result) in merged.Fields)
        {
            var field = schema.Fields.FirstOrDefault(f => f.Name == name);
            fields[name] = field is null ? result : GroundAlternatives(schema, field, GroundField(schema, field, result, indexes), indexes);
        }

        return merged with { Fields = fields, NeedsReview = fields.Values.Any(f => f.NeedsReview) };
    }

    private static FieldResult GroundField(ExtractionSchema schema, SchemaField field, FieldResult result, PageTextIndex[] pages)
    {
        if (!result.Found || result.Page is not { } page || field.Type == FieldType.Boolean)
        {
            return result;
        }

        if (field.Type == FieldType.Table)
        {
            return TableCellGrounder.Ground(schema, field, result, pages);
        }

        var ordered = pages.Where(p => p.Page == page).Concat(pages.Where(p => p.Page != page)).ToArray();
        var ownPageHasText = ordered.Length > 0 && ordered[0].Page == page;
        if (ordered.Length == 0)
        {
            return result with { Grounding = GroundingStatus.Unavailable };
        }

        if (field.Type == FieldType.List)
        {
            return GroundList(result, ordered, ownPageHasText);
        }

        var answers = new List<string>();
        AddAnswer(answers, result.Raw);
        AddAnswer(answers, ValueText(result.Value));
        Func<string, bool>? attach = field.Type == FieldType.Currency ? IsCurrencyWord : null;
        var location = Locate(ordered, answers, TypedEquality(schema, field, result.Value), allowFuzzy: field.Type is FieldType.String or FieldType.Enum, attach);
        if (location is not null)
        {
            return result with { Grounding = GroundingStatus.Grounded, Location = location };
        }

        if (field.Type == FieldType.Enum)
        {
            return result;
        }

        return ownPageHasText ? NotOnPage(result) : result with { Grounding = GroundingStatus.Unavailable };
    }

    /// <summary>Grounds each alternative like a value of the field, on the field's own page only.</summary>
    private static FieldResult GroundAlternatives(ExtractionSchema schema, SchemaField field, FieldResult result, PageTextIndex[] pages)
    {
        if (result.Alternatives is not { Count: > 0 } alternatives || result.Page is not { } page)
        {
            return result;
        }

        var ownPage = pages.Where(p => p.Page == page).ToArray();
        var grounded = alternatives.Select(alternative =>
        {
            var asValue = GroundField(schema, field, new FieldResult { Found = true, Value = alternative.Value, Raw = alternative.Raw, Currency = alternative.Currency, Page = page }, ownPage);
            return alternative with { Grounding = asValue.Grounding, Location = asValue.Location };
        });
        return result with { Alternatives = grounded.ToArray() };
    }

    private static FieldResult GroundList(FieldResult result, PageTextIndex[] pages, bool ownPageHasText)
    {
        if (result.Value is not JsonArray items || items.Count == 0)
        {
            return result;
        }

        var locations = new FieldLocation?[items.Count];
        var found = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var answers = new List<string>();
            AddAnswer(answers, ValueText(items[i]));
            locations[i] = answers.Count == 0 ? null : Locate(pages, answers, typedEquals: null, allowFuzzy: true);
            found += locations[i] is null ? 0 : 1;
        }

        if (found == 0 && !ownPageHasText)
        {
            return result with { Grounding = GroundingStatus.Unavailable };
        }

        var grounded = result with
        {
            ItemLocations = locations,
            Location = locations.FirstOrDefault(l => l is not null),
            Grounding = found == items.Count ? GroundingStatus.Grounded : found == 0 ? GroundingStatus.NotOnPage : GroundingStatus.Partial,
        };
        return found == items.Count ? grounded : NotOnPage(grounded);
    }

    private static FieldLocation? Locate(
        PageTextIndex[] pages, IReadOnlyList<string> answers, Func<string, bool>? typedEquals, bool allowFuzzy, Func<string, bool>? attach = null)
    {
        foreach (var page in pages)
        {
            if (TextLocator.Find(page, answers, typedEquals, allowFuzzy: false, attach) is { } span)
            {
                return page.Locate(span);
            }
        }

        if (!allowFuzzy)
        {
            return null;
        }

        foreach (var page in pages)
        {
            if (TextLocator.Find(page, answers, typedEquals: null, allowFuzzy: true) is { } span)
            {
                return page.Locate(span);
            }
        }

        return null;
    }

    internal static FieldResult NotOnPage(FieldResult result) => result with
    {
        Grounding = result.Grounding ?? GroundingStatus.NotOnPage,
        Issue = result.Issue ?? AnswerIssues.NotOnPage,
        NeedsReview = true,
    };

    /// <summary>
    /// Whether a run of page words reads as the same number, amount or date as the field's value. Every word of the run
    /// must be part of such a value (a digit, a currency, a month name), so a label next to it is never taken along.
    /// </summary>
    internal static Func<string, bool>? TypedEquality(ExtractionSchema schema, SchemaField field, JsonNode? value)
    {
        switch (field.Type)
        {
            case FieldType.Number or FieldType.Currency when TryDecimal(value, out var expected):
                return text => GroundingText.Tokens(text).All(IsAmountWord)
                    && TryDecimal(AnswerNormalizer.Normalize(schema, field, text).Value, out var actual) && actual == expected;
            case FieldType.Date when value is JsonValue date && date.TryGetValue<string>(out var iso):
                return text => GroundingText.Tokens(text).All(IsDateWord)
                    && AnswerNormalizer.Normalize(schema, field, text).Value is JsonValue parsed
                    && parsed.TryGetValue<string>(out var actual) && actual == iso;
            default:
                return null;
        }
    }

    private static bool IsAmountWord(string word) =>
        word.Any(char.IsAsciiDigit) || word is "-" or "(" or ")" || CurrencyParser.DetectCurrency(word) is not null;

    internal static bool IsCurrencyWord(string word) => !word.Any(char.IsAsciiDigit) && CurrencyParser.DetectCurrency(word) is not null;

    private static bool IsDateWord(string word) =>
        word.Any(char.IsAsciiDigit) || word.Length <= 12 && DateParser.TryParse($"1 {word} 2000", DateOrder.DayMonthYear, false, out _);

    private static bool TryDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue json)
        {
            return false;
        }

        if (json.TryGetValue(out value))
        {
            return true;
        }

        if (json.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number)
        {
            return element.TryGetDecimal(out value);
        }

        return json.TryGetValue<double>(out var d) && double.IsFinite(d) && TryFromDouble(d, out value);
    }

    private static bool TryFromDouble(double d, out decimal value)
    {
        value = 0;
        if (Math.Abs(d) > (double)decimal.MaxValue)
        {
            return false;
        }

        value = decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    internal static string? ValueText(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.String => e.GetString(),
        JsonValue v when TryDecimal(v, out var d) => d.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    internal static void AddAnswer(List<string> answers, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text) && !answers.Contains(text.Trim(), StringComparer.Ordinal))
        {
            answers.Add(text.Trim());
        }
    }
}
