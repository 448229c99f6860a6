using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Evaluation;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Cli.Evaluate;

/// <summary>
/// Runs <c>docpipe eval</c> once its arguments are resolved: extracts (or reuses, through the idempotent
/// workflow of <see cref="ExtractRunner"/>) every document that has a truth file, then scores the stored records.
/// </summary>
internal sealed class EvalRunner(ExtractionSchema schema, string dataDirectory, PdfPasswords? passwords = null, int documentConcurrency = Commands.ExtractCommand.DefaultConcurrency)
{
    /// <param name="Report">The scores of the documents that could be scored.</param>
    /// <param name="Notes">Documents left out, one line each (no truth file, extraction failed, truth file unreadable).</param>
    /// <param name="BrokenTruth">How many documents were left out because their truth file could not be read or held a value its field cannot be.</param>
    public sealed record Outcome(EvaluationReport Report, IReadOnlyList<string> Notes, int BrokenTruth = 0);

    public async Task<Outcome> RunAsync(IReadOnlyList<string> files, IDocumentVisionModel model, TextWriter progress, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var broken = 0;
        var truths = new Dictionary<string, System.Text.Json.Nodes.JsonObject>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var truthPath = TruthFiles.PathFor(file);
            if (File.Exists(truthPath))
            {
                try
                {
                    truths[file] = await TruthFiles.ReadAsync(truthPath, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is TruthInvalidException or IOException or UnauthorizedAccessException)
                {
                    broken++;
                    notes.Add($"warning [{EvaluationErrorCodes.TruthInvalid}]: {DisplayName(file)}: not scored, {DisplayName(truthPath)} cannot be read: {(e as TruthInvalidException)?.Problem ?? e.Message}");
                }
            }
            else
            {
                notes.Add($"{DisplayName(file)}: skipped, no {Path.GetFileName(truthPath)}");
            }
        }

        var scoredFiles = files.Where(truths.ContainsKey).ToList();
        var documents = new List<TruthDocument>();
        if (scoredFiles.Count > 0)
        {
            var runner = new ExtractRunner(schema, dataDirectory, documentConcurrency, force: false, passwords);
            var outcomes = await runner.RunAsync(scoredFiles, model, new PlainExtractDisplay(scoredFiles, progress), cancellationToken).ConfigureAwait(false);
            var store = new FileResultStore(DataDirectory.Results(dataDirectory));
            foreach (var outcome in outcomes)
            {
                var record = outcome.Result is null ? null : await store.GetDocumentAsync(outcome.Result.DocumentId, cancellationToken).ConfigureAwait(false);
                if (record is { Status: DocumentStatus.Completed or DocumentStatus.Reviewed })
                {
                    var document = new TruthDocument(DisplayName(outcome.Path), record, truths[outcome.Path]);
                    try
                    {
                        _ = GroundTruthEvaluator.EvaluateDocument(schema, document);
                        documents.Add(document);
                    }
                    catch (TruthInvalidException e)
                    {
                        broken++;
                        notes.Add($"warning [{e.Code}]: {DisplayName(outcome.Path)}: not scored, {DisplayName(TruthFiles.PathFor(outcome.Path))} field '{e.Field}': {e.Problem}");
                    }
                }
                else
                {
                    var why = outcome.Error?.Message ?? record?.Error?.Message ?? "no stored result";
                    notes.Add($"{DisplayName(outcome.Path)}: not scored, extraction did not complete ({why})");
                }
            }
        }

        return new Outcome(GroundTruthEvaluator.Evaluate(schema, documents), notes, broken);
    }

    private static string DisplayName(string file) => Path.GetRelativePath(Environment.CurrentDirectory, file);
}
