using System.CommandLine;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Extraction.Classification;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>The options of <c>--schema auto</c> that <c>extract</c> and <c>serve</c> share.</summary>
internal sealed record ClassifyOptions(Option<string?> Candidates, Option<bool> Split, Option<double?> Threshold)
{
    public static ClassifyOptions Create() => new(
        new Option<string?>("--candidates")
        {
            Description = $"With --schema auto: comma-separated schemas to choose from (files or built-in names; default: {string.Join(", ", SchemaChoice.DefaultCandidates())}).",
        },
        new Option<bool>("--split") { Description = "With --schema auto: classify every page and store each document a bundled file holds as its own document." },
        new Option<double?>("--classify-threshold")
        {
            Description = $"With --schema auto: a class with less confidence than this (0..1) marks the document for review (default {PageClassifier.DefaultThreshold}).",
        });

    public Task<SchemaChoice> ResolveAsync(ParseResult parseResult, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return SchemaChoice.ResolveAsync(schema, parseResult.GetValue(Candidates), parseResult.GetValue(Split), parseResult.GetValue(Threshold), cancellationToken);
    }
}
