using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Answers an <c>enum</c> or <c>boolean</c> field by scoring each allowed value under the model instead of reading
/// free text: the answer can never fall outside the set, and its confidence is its probability normalised over
/// the candidates. An enum also competes with "Not present", so a value the page does not show can be not found.
/// </summary>
public static class ConstrainedAnswer
{
    public const string NotPresent = "Not present";

    private static readonly string[] BooleanCandidates = ["Yes", "No"];

    public static bool Applies(SchemaField field) =>
        field.Type is FieldType.Boolean || (field.Type is FieldType.Enum && field.Values is { Count: > 0 });

    /// <summary>The texts to score, in order: the enum's values then "Not present", or Yes/No.</summary>
    public static IReadOnlyList<string> Candidates(SchemaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Type switch
        {
            FieldType.Boolean => BooleanCandidates,
            FieldType.Enum when field.Values is { Count: > 0 } values => [.. values, NotPresent],
            _ => throw new ArgumentException($"Field '{field.Name}' of type {field.Type} is not answered from a fixed set.", nameof(field)),
        };
    }

    /// <summary>The page answer for the candidates' total log-probabilities (same order as <see cref="Candidates"/>).</summary>
    public static PageAnswer ToPageAnswer(SchemaField field, IReadOnlyList<double> logProbabilities)
    {
        var candidates = Candidates(field);
        ArgumentNullException.ThrowIfNull(logProbabilities);
        if (logProbabilities.Count != candidates.Count)
        {
            throw new ArgumentException($"Expected {candidates.Count} scores for field '{field.Name}', got {logProbabilities.Count}.", nameof(logProbabilities));
        }

        var best = 0;
        for (var i = 1; i < candidates.Count; i++)
        {
            if (logProbabilities[i] > logProbabilities[best])
            {
                best = i;
            }
        }

        var total = logProbabilities.Sum(lp => Math.Exp(lp - logProbabilities[best]));
        var confidence = 1.0 / total;
        var raw = candidates[best];
        if (field.Type == FieldType.Enum && raw == NotPresent)
        {
            return new PageAnswer { Raw = raw, Found = false, Confidence = confidence };
        }

        JsonNode value = field.Type == FieldType.Boolean ? JsonValue.Create(best == 0) : JsonValue.Create(raw);
        return new PageAnswer { Raw = raw, Value = value, Found = true, Confidence = confidence };
    }
}
