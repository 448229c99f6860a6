using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Rules;
using FastVlm.DocPipeline.Extraction.Tables;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Merges page answers into one result per field (pure, deterministic, order of the input irrelevant).
/// <list type="bullet">
/// <item>Candidates are the pages where the field was found. The winner is the first by: a readable value
/// before an unreadable one, then the hinted page (<c>first</c> = page 1, <c>last</c> = the last page)
/// before others, then higher confidence, then the lower page number.</item>
/// <item><c>list</c> fields take the hinted page's items when found there, else concatenate every page's
/// items in page order (line items run across pages), with the lowest confidence among them.</item>
/// <item>Not found anywhere: value null, page null, confidence = the highest confidence among the
/// "not present" answers (how sure the model was that it is absent); needs review only when required.</item>
/// <item><c>table</c> fields join the rows of every page in page order (see <see cref="TableFieldMerger"/>).</item>
/// <item>A found field needs review when its confidence is below the schema's threshold or it has an issue.</item>
/// <item>A field keeps the alternatives of the page answer it took (a list: only when it took one page's items).</item>
/// <item>The schema's rules are then checked on the merged values (see <see cref="RuleChecker"/>).</item>
/// </list>
/// </summary>
public static class FieldMerger
{
    public static MergedFields Merge(ExtractionSchema schema, IEnumerable<PageAnswers> pages, int pageCount) => Merge(schema, pages, pageCount, checkRules: true);

    /// <summary>
    /// As <see cref="Merge(ExtractionSchema, IEnumerable{PageAnswers}, int)"/>; with <paramref name="checkRules"/> false the
    /// rules are left to the caller, which checks them on the values in force once reviews are laid over the answers.
    /// </summary>
    public static MergedFields Merge(ExtractionSchema schema, IEnumerable<PageAnswers> pages, int pageCount, bool checkRules)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(pages);
        var ordered = pages.OrderBy(p => p.Page).ToArray();
        var fields = new Dictionary<string, FieldResult>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            var hintedPage = field.PageHint switch
            {
                PageHint.First => 1,
                PageHint.Last => pageCount,
                _ => (int?)null,
            };
            var answers = ordered
                .Where(p => p.Answers.ContainsKey(field.Name))
                .Select(p => (p.Page, Answer: p.Answers[field.Name]))
                .ToArray();
            fields[field.Name] = field.Type switch
            {
                FieldType.List => MergeList(schema, field, answers, hintedPage),
                FieldType.Table => TableFieldMerger.Merge(schema, field, answers),
                _ => MergeSingle(schema, field, answers, hintedPage),
            };
        }

        if (!checkRules)
        {
            return new MergedFields(fields, fields.Values.Any(f => f.NeedsReview));
        }

        var (checkedFields, rules) = RuleChecker.Check(schema, fields);
        return new MergedFields(checkedFields, checkedFields.Values.Any(f => f.NeedsReview)) { Rules = rules };
    }

    private static FieldResult MergeSingle(ExtractionSchema schema, SchemaField field, (int Page, PageAnswer Answer)[] answers, int? hintedPage)
    {
        var found = answers.Where(a => a.Answer.Found).ToArray();
        if (found.Length == 0)
        {
            return NotFound(field, answers);
        }

        var best = found
            .OrderByDescending(a => a.Answer.Value is not null)
            .ThenByDescending(a => a.Page == hintedPage)
            .ThenByDescending(a => a.Answer.Confidence)
            .ThenBy(a => a.Page)
            .First();
        return Found(schema.ReviewThresholdOf(field), best.Answer.Value?.DeepClone(), best.Answer.Raw, best.Answer.Currency, best.Answer.Confidence, best.Page, best.Answer.Issue)
            with { Alternatives = best.Answer.Alternatives };
    }

    private static FieldResult MergeList(ExtractionSchema schema, SchemaField field, (int Page, PageAnswer Answer)[] answers, int? hintedPage)
    {
        var found = answers.Where(a => a.Answer.Found && a.Answer.Value is JsonArray).ToArray();
        if (found.Length == 0)
        {
            return NotFound(field, answers);
        }

        var hinted = found.Where(a => a.Page == hintedPage).ToArray();
        var chosen = hinted.Length > 0 ? hinted : found;
        var items = new JsonArray();
        foreach (var (_, answer) in chosen)
        {
            foreach (var item in (JsonArray)answer.Value!)
            {
                items.Add(item?.DeepClone());
            }
        }

        return Found(
            schema.ReviewThresholdOf(field),
            items,
            string.Join("\n", chosen.Select(a => a.Answer.Raw)),
            null,
            chosen.Min(a => a.Answer.Confidence),
            chosen[0].Page,
            chosen.Select(a => a.Answer.Issue).FirstOrDefault(i => i is not null))
            with { Alternatives = chosen.Length == 1 ? chosen[0].Answer.Alternatives : null };
    }

    private static FieldResult Found(double reviewThreshold, JsonNode? value, string raw, string? currency, double confidence, int page, string? issue) => new()
    {
        Value = value,
        Raw = raw,
        Currency = currency,
        Found = true,
        Confidence = confidence,
        Page = page,
        Issue = issue,
        NeedsReview = confidence < reviewThreshold || issue is not null || value is null,
    };

    private static FieldResult NotFound(SchemaField field, (int Page, PageAnswer Answer)[] answers) => new()
    {
        Value = null,
        Raw = null,
        Found = false,
        Confidence = answers.Length == 0 ? 0 : answers.Max(a => a.Answer.Confidence),
        Page = null,
        NeedsReview = field.Required,
    };
}
