using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>What <c>extract</c> and <c>eval</c> both resolve from their arguments: the schema, the input files and the model directory.</summary>
internal sealed record ExtractionInputs(ExtractionSchema Schema, IReadOnlyList<string> Files, string ModelDirectory)
{
    /// <param name="warnings">Where folders and entries skipped while expanding the paths are reported.</param>
    /// <exception cref="CliUsageException">No document matched a path, a path is not a regular file, or no model directory was found.</exception>
    public static async Task<ExtractionInputs> ResolveAsync(
        string schema, string[] paths, bool recursive, string? model, TextWriter warnings, CancellationToken cancellationToken)
    {
        var extractionSchema = await SchemaLoader.ResolveAsync(schema, cancellationToken).ConfigureAwait(false);
        var (files, modelDirectory) = await ResolveFilesAndModelAsync([extractionSchema], paths, recursive, model, warnings).ConfigureAwait(false);
        return new ExtractionInputs(extractionSchema, files, modelDirectory);
    }

    /// <summary>The input files and the model directory, with every schema's questions checked against the model's tokenizer.</summary>
    /// <exception cref="CliUsageException">No document matched a path, a path is not a regular file, or no model directory was found.</exception>
    public static async Task<(IReadOnlyList<string> Files, string ModelDirectory)> ResolveFilesAndModelAsync(
        IReadOnlyList<ExtractionSchema> schemas, string[] paths, bool recursive, string? model, TextWriter warnings)
    {
        var expansion = InputExpander.Expand(paths, recursive);
        foreach (var warning in expansion.Warnings)
        {
            await warnings.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }

        foreach (var duplicate in expansion.Duplicates)
        {
            await warnings.WriteLineAsync($"note: {duplicate}").ConfigureAwait(false);
        }

        if (expansion.Unmatched.Count > 0)
        {
            throw new CliUsageException(
                "input.no_documents",
                $"No documents at: {string.Join(", ", expansion.Unmatched.Select(SafeText.Escape))} (expected files, folders or globs of {string.Join("/", InputExpander.DocumentExtensions)}; folders are read one level deep unless --recursive is given).");
        }

        var modelDirectory = ModelLocator.Locate(model, out var problem)
            ?? throw new CliUsageException("model.not_found", problem + Environment.NewLine + ModelLocator.HowToGetOne());
        foreach (var schema in schemas)
        {
            SchemaTokenCheck.Run(schema, modelDirectory);
        }

        return (expansion.Files, modelDirectory);
    }
}
