using System.CommandLine;
using FastVlm.DocPipeline.Cli.Evaluate;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary><c>docpipe eval</c>: extract documents that have a <c>&lt;name&gt;.truth.json</c> beside them and score the results.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "PDF or image files, folders, or globs; each scored document needs <name>.truth.json beside it.", Arity = ArgumentArity.OneOrMore };
        var schema = new Option<string>("--schema") { Description = $"Schema JSON file, or a built-in schema: {string.Join(", ", EmbeddedSchemas.Names)}.", Required = true };
        var model = new Option<string?>("--model") { Description = $"Model directory (default: {ModelLocator.EnvironmentVariable}, else ./.models/default, else ~/.docpipe/model)." };
        var data = new Option<string?>("--data") { Description = $"Results directory (default: {DataDirectory.EnvironmentVariable}, else ./.data); documents already extracted there are reused." };
        var json = new Option<bool>("--json") { Description = "Print the evaluation report as JSON on stdout (progress goes to stderr)." };
        var plot = new Option<string?>("--plot") { Description = "Draw per-field accuracy to this SVG file." };
        var recursive = InputOptions.Recursive();
        var password = InputOptions.Password();
        var passwordFile = InputOptions.PasswordFile();

        var command = new Command("eval", "Score extraction against ground truth (<name>.truth.json beside each document): per-field accuracy, overall, calibration.");
        command.Arguments.Add(paths);
        foreach (var option in new Option[] { schema, model, data, json, plot, recursive, password, passwordFile })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            return CommandErrors.RunAsync(parseResult, async () =>
            {
                var (extractionSchema, files, modelDirectory) = await ExtractionInputs.ResolveAsync(
                    parseResult.GetValue(schema)!, parseResult.GetValue(paths)!, parseResult.GetValue(recursive), parseResult.GetValue(model), stderr, cancellationToken).ConfigureAwait(false);
                var passwords = await PdfPasswords.LoadAsync(parseResult.GetValue(password), parseResult.GetValue(passwordFile), stderr, cancellationToken).ConfigureAwait(false);
                var dataDirectory = DataDirectory.Resolve(parseResult.GetValue(data));
                DataDirectory.EnsureWritable(dataDirectory);
                if (ModelLocator.IsSynthetic(modelDirectory))
                {
                    await stderr.WriteLineAsync($"warning: {modelDirectory} is a synthetic model (random weights): the score is meaningless (about 0). Evaluate the real model: docpipe model fetch --out .models/default").ConfigureAwait(false);
                }

                var visionModel = await PipelineComponents.LoadModelAsync(modelDirectory, cancellationToken).ConfigureAwait(false);
                try
                {
                    var runner = new EvalRunner(extractionSchema, dataDirectory, passwords);
                    var outcome = await runner.RunAsync(files, visionModel, stderr, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(outcome, parseResult.GetValue(json), stdout, stderr).ConfigureAwait(false);
                    if (parseResult.GetValue(plot) is { } plotPath)
                    {
                        await File.WriteAllTextAsync(plotPath, AccuracyPlot.Draw(outcome.Report), cancellationToken).ConfigureAwait(false);
                        await stderr.WriteLineAsync($"Wrote {plotPath}: accuracy of {outcome.Report.Fields.Count} fields.").ConfigureAwait(false);
                    }

                    if (outcome.BrokenTruth > 0)
                    {
                        await stderr.WriteLineAsync($"{outcome.BrokenTruth} document(s) not scored because their truth file is broken; the scores cover the rest (exit {ExitCodes.PartialFailure}).").ConfigureAwait(false);
                        return ExitCodes.PartialFailure;
                    }

                    return ExitCodes.Success;
                }
                finally
                {
                    (visionModel as IDisposable)?.Dispose();
                }
            });
        });
        return command;
    }

    internal static async Task WriteAsync(EvalRunner.Outcome outcome, bool asJson, TextWriter stdout, TextWriter stderr)
    {
        foreach (var note in outcome.Notes)
        {
            await stderr.WriteLineAsync(note).ConfigureAwait(false);
        }

        if (asJson)
        {
            await stdout.WriteLineAsync(EvalPrinter.ToJson(outcome.Report)).ConfigureAwait(false);
        }
        else
        {
            EvalPrinter.WriteTable(stdout, outcome.Report);
        }
    }
}
