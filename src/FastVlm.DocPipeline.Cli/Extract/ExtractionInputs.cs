using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>What <c>extract</c> and <c>eval</c> both resolve from their arguments: the schema, the input files and the model directory.</summary>
internal sealed record ExtractionInputs(ExtractionSchema Schema, IReadOnlyList<string> Files, string ModelDirectory)
{
    /// <exception cref="CliUsageException">No document matched a path, or no model directory was found.</exception>
    public static async Task<ExtractionInputs> ResolveAsync(string schema, string[] paths, string? model, CancellationToken cancellationToken)
    {
        var extractionSchema = await SchemaLoader.ResolveAsync(schema, cancellationToken).ConfigureAwait(false);
        var files = InputExpander.Expand(paths, out var unmatched);
        if (unmatched.Count > 0)
        {
            throw new CliUsageException($"No documents at: {string.Join(", ", unmatched)} (expected files, folders or globs of {string.Join("/", InputExpander.DocumentExtensions)}).");
        }

        var modelDirectory = ModelLocator.Locate(model, out var problem)
            ?? throw new CliUsageException(problem + Environment.NewLine + ModelLocator.HowToGetOne());
        return new ExtractionInputs(extractionSchema, files, modelDirectory);
    }
}
