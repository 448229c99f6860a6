using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Model;

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
        CheckScores(field, candidates, logProbabilities);
        var best = BestOf(logProbabilities);
        var confidence = Probability(logProbabilities, best);
        var raw = candidates[best];
        if (field.Type == FieldType.Enum && raw == NotPresent)
        {
            return new PageAnswer { Raw = raw, Found = false, Confidence = confidence };
        }

        return new PageAnswer { Raw = raw, Value = ValueOf(field, candidates, best), Found = true, Confidence = confidence };
    }

    /// <summary>
    /// The runner-up values of a scored field, most likely first, at most <see cref="AlternativeOptions.MaxAlternativesLimit"/>,
    /// each with its probability normalised over the candidates like the answer's; "Not present" is no alternative value.
    /// Null when there is none.
    /// </summary>
    public static IReadOnlyList<FieldAlternative>? Alternatives(SchemaField field, IReadOnlyList<double> logProbabilities)
    {
        var candidates = Candidates(field);
        CheckScores(field, candidates, logProbabilities);
        var best = BestOf(logProbabilities);
        var runnersUp = Enumerable.Range(0, candidates.Count)
            .Where(i => i != best && !(field.Type == FieldType.Enum && candidates[i] == NotPresent))
            .OrderByDescending(i => logProbabilities[i])
            .ThenBy(i => i)
            .Take(AlternativeOptions.MaxAlternativesLimit)
            .Select(i => new FieldAlternative { Value = ValueOf(field, candidates, i), Raw = candidates[i], Confidence = Probability(logProbabilities, i) })
            .ToArray();
        return runnersUp.Length == 0 ? null : runnersUp;
    }

    private static void CheckScores(SchemaField field, IReadOnlyList<string> candidates, IReadOnlyList<double> logProbabilities)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        if (logProbabilities.Count != candidates.Count)
        {
            throw new ArgumentException($"Expected {candidates.Count} scores for field '{field.Name}', got {logProbabilities.Count}.", nameof(logProbabilities));
        }
    }

    /// <summary>The most likely candidate (ties: the earlier one).</summary>
    private static int BestOf(IReadOnlyList<double> logProbabilities)
    {
        var best = 0;
        for (var i = 1; i < logProbabilities.Count; i++)
        {
            if (logProbabilities[i] > logProbabilities[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Candidate <paramref name="index"/>'s probability normalised over all candidates.</summary>
    private static double Probability(IReadOnlyList<double> logProbabilities, int index) =>
        1.0 / logProbabilities.Sum(lp => Math.Exp(lp - logProbabilities[index]));

    private static JsonNode ValueOf(SchemaField field, IReadOnlyList<string> candidates, int index) =>
        field.Type == FieldType.Boolean ? JsonValue.Create(index == 0) : JsonValue.Create(candidates[index]);
}
