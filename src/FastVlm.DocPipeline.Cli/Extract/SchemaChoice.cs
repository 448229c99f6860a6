using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Classification;
using FastVlm.DocPipeline.Workflow;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>
/// The schema a command extracts with: one named schema, or <c>auto</c> (classification among candidate schemas,
/// optionally splitting bundled files). Shared by <c>extract</c> and <c>serve</c>.
/// </summary>
internal sealed record SchemaChoice(ExtractionSchema? Schema, ClassificationRequest? Classification)
{
    /// <summary>The schemas whose questions are checked against the model (all candidates for auto).</summary>
    public IReadOnlyList<ExtractionSchema> Schemas => Schema is { } one ? [one] : Classification!.Candidates;

    public static SchemaChoice Of(ExtractionSchema schema) => new(schema, null);

    /// <param name="schema">A schema file or built-in name, or <c>auto</c>.</param>
    /// <param name="candidates">Comma-separated schema files or built-in names for auto; null: every built-in schema that declares <c>classifyAs</c>.</param>
    /// <exception cref="CliUsageException">Candidates, a threshold or splitting without auto, or a threshold outside 0..1.</exception>
    public static async Task<SchemaChoice> ResolveAsync(string schema, string? candidates, bool split, double? threshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!ClassificationRequest.IsAuto(schema))
        {
            if (candidates is not null || split || threshold is not null)
            {
                throw new CliUsageException("usage.classify_needs_auto", "--candidates, --split and --classify-threshold choose the schema by classification; use them with --schema auto.");
            }

            return Of(await SchemaLoader.ResolveAsync(schema, cancellationToken).ConfigureAwait(false));
        }

        if (threshold is < 0 or > 1)
        {
            throw new CliUsageException("usage.classify_threshold", $"--classify-threshold must be from 0 to 1 (a confidence), got {threshold}.");
        }

        var schemas = new List<ExtractionSchema>();
        foreach (var name in candidates?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? DefaultCandidates())
        {
            schemas.Add(await SchemaLoader.ResolveAsync(name, cancellationToken).ConfigureAwait(false));
        }

        ClassificationLabels.For(schemas);
        return new SchemaChoice(null, new ClassificationRequest
        {
            Candidates = schemas,
            Split = split,
            Threshold = threshold ?? PageClassifier.DefaultThreshold,
        });
    }

    /// <summary>The built-in schemas that say how they are classified.</summary>
    public static IReadOnlyList<string> DefaultCandidates() =>
        EmbeddedSchemas.Names.Where(name => EmbeddedSchemas.Get(name).ClassifyAs is not null).ToArray();

    public DocumentWorkflowInput Input(string sourceName, bool force = false, WorkflowRetryPolicies? retries = null) => new()
    {
        SourceName = sourceName,
        Schema = Schema,
        Classification = Classification,
        Force = force,
        Retries = retries,
    };
}
