using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// Scores stored extraction results against ground truth. Pure and deterministic: same records and truths,
/// same report. Truth keys no schema field matches are skipped and listed; a top-level <c>currency</c> key
/// (when the schema has no such field) is the expected code of every <c>currency</c> field.
/// </summary>
public static class GroundTruthEvaluator
{
    private const string CurrencyKey = "currency";

    /// <summary>Where the sample generator drew each value (for grounding tests): not a field, never scored or reported.</summary>
    public const string TruthBoxesKey = "truthBoxes";

    public static EvaluationReport Evaluate(ExtractionSchema schema, IEnumerable<TruthDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(documents);
        var evaluations = documents.Select(d => EvaluateDocument(schema, d)).ToList();
        var scored = evaluations.SelectMany(d => d.Fields).ToList();

        var perField = new List<FieldAccuracy>();
        foreach (var field in schema.Fields)
        {
            var rows = scored.Where(f => f.Field == field.Name).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            perField.Add(new FieldAccuracy
            {
                Field = field.Name,
                Type = field.Type,
                Count = rows.Count,
                Correct = rows.Count(r => r.Correct),
                Precision = field.Type is FieldType.List or FieldType.Table ? rows.Average(r => r.Precision ?? 0) : null,
                Recall = field.Type is FieldType.List or FieldType.Table ? rows.Average(r => r.Recall ?? 0) : null,
                Columns = field.Type == FieldType.Table ? ColumnsOverDocuments(rows) : null,
            });
        }

        var above = scored.Where(f => f.Confidence >= schema.ReviewThreshold).ToList();
        var below = scored.Where(f => f.Confidence < schema.ReviewThreshold).ToList();
        return new EvaluationReport
        {
            Schema = schema.Name,
            SchemaVersion = schema.Version,
            Documents = evaluations,
            Fields = perField,
            Calibration = new CalibrationView(
                schema.ReviewThreshold,
                new CalibrationBucket(above.Count, above.Count(f => f.Correct)),
                new CalibrationBucket(below.Count, below.Count(f => f.Correct))),
        };
    }

    /// <summary>Each column's correct cells and expected rows summed over the documents, in column order.</summary>
    private static ColumnAccuracy[] ColumnsOverDocuments(List<FieldEvaluation> rows) =>
        rows.SelectMany(r => r.Table?.Columns ?? [])
            .GroupBy(c => c.Column, StringComparer.Ordinal)
            .Select(g => new ColumnAccuracy { Column = g.Key, Type = g.First().Type, Count = g.Sum(c => c.Count), Correct = g.Sum(c => c.Correct) })
            .ToArray();

    public static DocumentEvaluation EvaluateDocument(ExtractionSchema schema, TruthDocument document)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        var truth = document.Truth;
        var matches = TruthKeyMatcher.Match(schema, truth);
        var matchedKeys = matches.Values.ToHashSet(StringComparer.Ordinal);

        string? currencyKey = null;
        var skipped = new List<SkippedTruthField>();
        foreach (var (key, _) in truth)
        {
            if (matchedKeys.Contains(key) || key == TruthBoxesKey)
            {
                continue;
            }

            var isCurrency = currencyKey is null && string.Equals(key, CurrencyKey, StringComparison.OrdinalIgnoreCase);
            currencyKey = isCurrency ? key : currencyKey;
            skipped.Add(new SkippedTruthField(key, isCurrency ? SkippedTruthField.CurrencyCode : SkippedTruthField.NotInSchema));
        }

        var expectedCurrency = currencyKey is not null && truth[currencyKey] is JsonValue code
            && code.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

        var fields = new List<FieldEvaluation>();
        var unscored = new List<string>();
        foreach (var field in schema.Fields)
        {
            if (!matches.TryGetValue(field.Name, out var key))
            {
                unscored.Add(field.Name);
                continue;
            }

            var expected = truth[key];
            var actual = document.Record.Fields.GetValueOrDefault(field.Name) is { } stored ? ModelAnswers.Of(stored) : null;
            var currency = field.Type is FieldType.Currency or FieldType.Table ? expectedCurrency : null;
            var comparison = FieldComparer.Compare(field, expected, currency, actual);
            fields.Add(new FieldEvaluation
            {
                Field = field.Name,
                TruthKey = key,
                Type = field.Type,
                Expected = expected?.DeepClone(),
                ExpectedCurrency = currency,
                Actual = actual?.Value?.DeepClone(),
                ActualCurrency = actual?.Currency,
                Raw = actual?.Raw,
                Found = actual?.Found ?? false,
                Correct = comparison.Correct,
                Confidence = actual?.Confidence ?? 0,
                Precision = comparison.Precision,
                Recall = comparison.Recall,
                Table = comparison.Table,
            });
        }

        return new DocumentEvaluation
        {
            Name = document.Name,
            DocumentId = document.Record.DocumentId,
            Fields = fields,
            SkippedTruthFields = skipped,
            UnscoredFields = unscored,
        };
    }

    /// <summary>Convenience for a single document.</summary>
    public static EvaluationReport Evaluate(ExtractionSchema schema, string name, DocumentRecord record, JsonObject truth) =>
        Evaluate(schema, [new TruthDocument(name, record, truth)]);
}
